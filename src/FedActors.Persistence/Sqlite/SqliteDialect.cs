using System.Data;
using System.Data.Common;
using FedActors.Persistence.Journal;
using FedActors.Persistence.Sql;
using Microsoft.Data.Sqlite;

namespace FedActors.Persistence.Sqlite;

/// <summary>
/// SQLite: one database file in WAL mode (readers never block the writer), write transactions
/// begun IMMEDIATE so a busy database waits up to the connection string's <c>Default Timeout</c>
/// and then fails transiently (retried by the store's policy).
/// </summary>
public sealed class SqliteDialect : SqlDialect
{
    private readonly string _connectionString;
    private readonly string _name;

    /// <summary>Creates the dialect for <paramref name="settings"/>; SQLite has no schemas, so <see cref="SqlStoreSettings.Schema"/> must be null.</summary>
    /// <exception cref="ArgumentException">When a schema is set or the connection string is not a valid SQLite connection string.</exception>
    public SqliteDialect(SqlStoreSettings settings)
        : base(settings)
    {
        if (settings.Schema is not null)
        {
            throw new ArgumentException($"{settings.Section}.schema is not supported by SQLite (one file is one database), was '{settings.Schema}'", nameof(settings));
        }

        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(settings.ConnectionString);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{settings.Section}.connection-string is not a valid SQLite connection string: {e.Message}", nameof(settings), e);
        }

        if (string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            throw new ArgumentException(
                $"{settings.Section}.connection-string must name a database file (e.g. \"Data Source=run/journal.db\"), was '{settings.ConnectionString}'", nameof(settings));
        }

        builder.Pooling = true;
        _connectionString = builder.ToString();
        _name = $"SQLite store '{builder.DataSource}'";
    }

    /// <inheritdoc/>
    public override string Name => _name;

    /// <inheritdoc/>
    public override ValueTask DisposeAsync()
    {
        // Pooled connections keep the file open; release them so the file can be moved or deleted.
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        return ValueTask.CompletedTask;
    }

    internal override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    internal override async Task CreateSchemaAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS {JournalTable} (
              ordering INTEGER PRIMARY KEY AUTOINCREMENT,
              persistence_id TEXT NOT NULL,
              sequence_number INTEGER NOT NULL,
              deleted INTEGER NOT NULL DEFAULT 0,
              created INTEGER NOT NULL,
              manifest TEXT NOT NULL,
              serializer_id INTEGER NOT NULL,
              payload BLOB NOT NULL,
              tags TEXT NULL,
              writer_uuid TEXT NOT NULL,
              prev_hash BLOB NOT NULL,
              hash BLOB NOT NULL,
              UNIQUE (persistence_id, sequence_number)
            );
            CREATE TABLE IF NOT EXISTS {SnapshotTable} (
              persistence_id TEXT NOT NULL,
              sequence_number INTEGER NOT NULL,
              created INTEGER NOT NULL,
              manifest TEXT NOT NULL,
              serializer_id INTEGER NOT NULL,
              payload BLOB NOT NULL,
              hash BLOB NOT NULL,
              PRIMARY KEY (persistence_id, sequence_number)
            );
            """;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    internal override async Task InsertEventsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<PersistentRepr> events, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            $"INSERT INTO {JournalTable} (persistence_id, sequence_number, deleted, created, manifest, serializer_id, payload, tags, writer_uuid, prev_hash, hash) " +
            "VALUES (@pid, @seq, 0, @created, @manifest, @serializer, @payload, @tags, @writer, @prev, @hash)";
        var pid = Add(command, "pid", DbType.String);
        var seq = Add(command, "seq", DbType.Int64);
        var created = Add(command, "created", DbType.Int64);
        var manifest = Add(command, "manifest", DbType.String);
        var serializer = Add(command, "serializer", DbType.Int32);
        var payload = Add(command, "payload", DbType.Binary);
        var tags = Add(command, "tags", DbType.String);
        var writer = Add(command, "writer", DbType.String);
        var prev = Add(command, "prev", DbType.Binary);
        var hash = Add(command, "hash", DbType.Binary);
        command.Prepare();
        foreach (var e in events)
        {
            pid.Value = e.PersistenceId;
            seq.Value = e.SequenceNr;
            created.Value = e.Timestamp.ToUnixTimeMilliseconds();
            manifest.Value = e.Manifest;
            serializer.Value = e.SerializerId;
            payload.Value = e.Payload.ToArray();
            tags.Value = (object?)JournalTags.Encode(e.Tags) ?? DBNull.Value;
            writer.Value = e.WriterUuid;
            prev.Value = e.PrevHash.ToArray();
            hash.Value = e.Hash.ToArray();
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    internal override bool IsTransient(Exception exception) => exception switch
    {
        // SQLITE_BUSY, SQLITE_LOCKED, SQLITE_IOERR and SQLITE_CANTOPEN: the file is locked or
        // momentarily unreachable; everything else (constraints, corruption) will not heal by retrying.
        SqliteException sqlite => (sqlite.SqliteErrorCode & 0xFF) is 5 or 6 or 10 or 14,
        IOException => true,
        _ => false,
    };

    private static DbParameter Add(DbCommand command, string name, DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
