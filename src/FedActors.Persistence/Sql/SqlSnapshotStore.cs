using System.Data;
using System.Data.Common;
using FedActors.Persistence.Journal;
using FedActors.Persistence.Resilience;
using FedActors.Persistence.Snapshots;

namespace FedActors.Persistence.Sql;

/// <summary>
/// The snapshot store on a SQL database (schema after Akka.Persistence.Sql plus a <c>hash</c> column
/// checked on load). Every database call runs under the store's <see cref="ResiliencePolicy"/>.
/// </summary>
public sealed class SqlSnapshotStore : ISnapshotStore
{
    private const string CriteriaSql =
        "sequence_number <= @maxSeq AND sequence_number >= @minSeq AND created <= @maxTime AND created >= @minTime";

    private readonly SqlDialect _dialect;
    private readonly ResiliencePolicy _policy;
    private readonly SchemaInitializer _schema;

    internal SqlSnapshotStore(SqlDialect dialect, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(time);
        _dialect = dialect;
        _policy = new ResiliencePolicy(dialect.Name, dialect.Settings.Resilience, time, dialect.IsTransient);
        _schema = new SchemaInitializer(dialect, _policy);
    }

    /// <summary>The circuit breaker guarding the database, for monitoring.</summary>
    public CircuitBreaker Breaker => _policy.Breaker;

    /// <inheritdoc/>
    public async Task SaveAsync(StoredSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentException.ThrowIfNullOrEmpty(snapshot.Metadata.PersistenceId);
        var stored = snapshot with { Metadata = snapshot.Metadata with { Timestamp = SnapshotHash.ToStoredPrecision(snapshot.Metadata.Timestamp) } };
        var hash = SnapshotHash.Compute(stored);
        await ExecuteAsync(async (connection, ct) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText =
                $"INSERT INTO {_dialect.SnapshotTable} (persistence_id, sequence_number, created, manifest, serializer_id, payload, hash) " +
                "VALUES (@pid, @seq, @created, @manifest, @serializer, @payload, @hash) " +
                "ON CONFLICT (persistence_id, sequence_number) DO UPDATE SET created = excluded.created, manifest = excluded.manifest, " +
                "serializer_id = excluded.serializer_id, payload = excluded.payload, hash = excluded.hash";
            SqlJournal.AddParameter(command, "pid", DbType.String, stored.Metadata.PersistenceId);
            SqlJournal.AddParameter(command, "seq", DbType.Int64, stored.Metadata.SequenceNr);
            SqlJournal.AddParameter(command, "created", DbType.Int64, stored.Metadata.Timestamp.ToUnixTimeMilliseconds());
            SqlJournal.AddParameter(command, "manifest", DbType.String, stored.Manifest);
            SqlJournal.AddParameter(command, "serializer", DbType.Int32, stored.SerializerId);
            SqlJournal.AddParameter(command, "payload", DbType.Binary, stored.Payload.ToArray());
            SqlJournal.AddParameter(command, "hash", DbType.Binary, hash);
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<StoredSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        ArgumentNullException.ThrowIfNull(criteria);
        return await ExecuteAsync<StoredSnapshot?>(async (connection, ct) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText =
                $"SELECT sequence_number, created, manifest, serializer_id, payload, hash FROM {_dialect.SnapshotTable} " +
                $"WHERE persistence_id = @pid AND {CriteriaSql} ORDER BY sequence_number DESC LIMIT 1";
            SqlJournal.AddParameter(command, "pid", DbType.String, persistenceId);
            BindCriteria(command, criteria);
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            if (!await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                return null;
            }

            var sequenceNr = reader.IsDBNull(0) ? -1 : reader.GetInt64(0);
            var column = "created";
            try
            {
                var created = reader.GetInt64(1);
                column = "manifest";
                var manifest = reader.GetString(2);
                column = "serializer_id";
                var serializerId = reader.GetInt32(3);
                column = "payload";
                var payload = reader.GetFieldValue<byte[]>(4);
                column = "hash";
                var hash = reader.GetFieldValue<byte[]>(5);
                var snapshot = new StoredSnapshot(
                    new SnapshotMetadata(persistenceId, sequenceNr, DateTimeOffset.FromUnixTimeMilliseconds(created)), serializerId, manifest, payload);
                SnapshotHash.Verify(snapshot, hash);
                return snapshot;
            }
            catch (Exception e) when (e is InvalidCastException or InvalidOperationException or FormatException or OverflowException)
            {
                throw new CorruptRowException(_dialect.SnapshotTable, sequenceNr, persistenceId,
                    reader.IsDBNull(reader.GetOrdinal(column)) ? $"column '{column}' is NULL" : $"column '{column}' cannot be read ({e.Message})", e);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task DeleteAsync(SnapshotMetadata metadata, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        await ExecuteAsync(async (connection, ct) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"DELETE FROM {_dialect.SnapshotTable} WHERE persistence_id = @pid AND sequence_number = @seq";
            SqlJournal.AddParameter(command, "pid", DbType.String, metadata.PersistenceId);
            SqlJournal.AddParameter(command, "seq", DbType.Int64, metadata.SequenceNr);
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        ArgumentNullException.ThrowIfNull(criteria);
        await ExecuteAsync(async (connection, ct) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"DELETE FROM {_dialect.SnapshotTable} WHERE persistence_id = @pid AND {CriteriaSql}";
            SqlJournal.AddParameter(command, "pid", DbType.String, persistenceId);
            BindCriteria(command, criteria);
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Releases the database.</summary>
    public async ValueTask DisposeAsync()
    {
        await _dialect.DisposeAsync().ConfigureAwait(false);
        _schema.Dispose();
    }

    private static void BindCriteria(DbCommand command, SnapshotSelectionCriteria criteria)
    {
        SqlJournal.AddParameter(command, "maxSeq", DbType.Int64, criteria.MaxSequenceNr);
        SqlJournal.AddParameter(command, "minSeq", DbType.Int64, criteria.MinSequenceNr);
        SqlJournal.AddParameter(command, "maxTime", DbType.Int64, criteria.MaxTimestamp.ToUnixTimeMilliseconds());
        SqlJournal.AddParameter(command, "minTime", DbType.Int64, criteria.MinTimestamp.ToUnixTimeMilliseconds());
    }

    private async Task<T> ExecuteAsync<T>(Func<DbConnection, CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        await _schema.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        return await _policy.ExecuteAsync(async ct =>
        {
            await using var connection = await _dialect.OpenAsync(ct).ConfigureAwait(false);
            return await operation(connection, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }
}
