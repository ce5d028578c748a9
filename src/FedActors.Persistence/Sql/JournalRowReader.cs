using System.Data.Common;
using FedActors.Persistence.Journal;

namespace FedActors.Persistence.Sql;

/// <summary>
/// Reads journal rows selected with the column order of <see cref="SqlJournal"/>, turning every
/// unreadable value into a <see cref="CorruptRowException"/> that names table, ordering and persistence id.
/// </summary>
internal static class JournalRowReader
{
    public static JournalRow Read(DbDataReader reader, string table)
    {
        var ordering = reader.IsDBNull(0) ? -1 : reader.GetInt64(0);
        var persistenceId = "";
        var column = "persistence_id";
        try
        {
            persistenceId = reader.GetString(1);
            column = "sequence_number";
            var sequenceNr = reader.GetInt64(2);
            column = "deleted";
            var deleted = reader.GetBoolean(3);
            column = "created";
            var created = reader.GetInt64(4);
            column = "manifest";
            var manifest = reader.GetString(5);
            column = "serializer_id";
            var serializerId = reader.GetInt32(6);
            column = "payload";
            var payload = reader.GetFieldValue<byte[]>(7);
            column = "tags";
            var tags = reader.IsDBNull(8) ? null : reader.GetString(8);
            column = "writer_uuid";
            var writerUuid = reader.GetString(9);
            column = "prev_hash";
            var prevHash = reader.GetFieldValue<byte[]>(10);
            column = "hash";
            var hash = reader.GetFieldValue<byte[]>(11);
            var repr = new PersistentRepr(persistenceId, sequenceNr, manifest, serializerId, payload)
            {
                Tags = JournalTags.Decode(tags),
                Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(created),
                WriterUuid = writerUuid,
                PrevHash = prevHash,
                Hash = hash,
            };
            return new JournalRow(ordering, deleted, repr);
        }
        catch (Exception e) when (e is InvalidCastException or InvalidOperationException or FormatException or OverflowException or ArgumentOutOfRangeException)
        {
            var problem = reader.IsDBNull(reader.GetOrdinal(column)) ? $"column '{column}' is NULL" : $"column '{column}' cannot be read ({e.Message})";
            throw new CorruptRowException(table, ordering, persistenceId, problem, e);
        }
    }
}
