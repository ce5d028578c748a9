using System.Data.Common;
using System.Net.Sockets;
using FedActors.Persistence.Journal;
using FedActors.Persistence.Sql;
using Npgsql;
using NpgsqlTypes;

namespace FedActors.Persistence.PostgreSql;

/// <summary>
/// PostgreSQL through Npgsql: pooled connections from one data source, schema creation serialized
/// by an advisory lock, and batched inserts as a single <c>INSERT ... SELECT FROM unnest(...)</c>.
/// </summary>
public sealed class PostgreSqlDialect : SqlDialect
{
    // Arbitrary but fixed key, so concurrent initializers of the same database wait for each other.
    private const long SchemaLockKey = 0x46_65_64_41_63_74_50_53;

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _name;

    /// <summary>Creates the dialect for <paramref name="settings"/>.</summary>
    /// <exception cref="ArgumentException">When the connection string is not a valid Npgsql connection string.</exception>
    public PostgreSqlDialect(SqlStoreSettings settings)
        : base(settings)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{settings.Section}.connection-string is not a valid PostgreSQL connection string: {e.Message}", nameof(settings), e);
        }

        _name = $"PostgreSQL store '{builder.Host}:{builder.Port}/{builder.Database}{(settings.Schema is null ? "" : "/" + settings.Schema)}'";
        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
    }

    /// <inheritdoc/>
    public override string Name => _name;

    /// <inheritdoc/>
    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    internal override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    internal override async Task CreateSchemaAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var schema = Settings.Schema is null ? "" : $"CREATE SCHEMA IF NOT EXISTS {Settings.Schema};";
        command.CommandText = $"""
            SELECT pg_advisory_xact_lock({SchemaLockKey});
            {schema}
            CREATE TABLE IF NOT EXISTS {JournalTable} (
              ordering BIGSERIAL PRIMARY KEY,
              persistence_id VARCHAR(255) NOT NULL,
              sequence_number BIGINT NOT NULL,
              deleted BOOLEAN NOT NULL DEFAULT FALSE,
              created BIGINT NOT NULL,
              manifest TEXT NOT NULL,
              serializer_id INTEGER NOT NULL,
              payload BYTEA NOT NULL,
              tags TEXT NULL,
              writer_uuid TEXT NOT NULL,
              prev_hash BYTEA NOT NULL,
              hash BYTEA NOT NULL,
              CONSTRAINT {Settings.JournalTable}_persistence_id_sequence_number_key UNIQUE (persistence_id, sequence_number)
            );
            CREATE TABLE IF NOT EXISTS {SnapshotTable} (
              persistence_id VARCHAR(255) NOT NULL,
              sequence_number BIGINT NOT NULL,
              created BIGINT NOT NULL,
              manifest TEXT NOT NULL,
              serializer_id INTEGER NOT NULL,
              payload BYTEA NOT NULL,
              hash BYTEA NOT NULL,
              PRIMARY KEY (persistence_id, sequence_number)
            );
            """;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    internal override async Task InsertEventsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<PersistentRepr> events, CancellationToken cancellationToken)
    {
        var count = events.Count;
        var pids = new string[count];
        var seqs = new long[count];
        var created = new long[count];
        var manifests = new string[count];
        var serializers = new int[count];
        var payloads = new byte[count][];
        var tags = new string?[count];
        var writers = new string[count];
        var prevs = new byte[count][];
        var hashes = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            var e = events[i];
            pids[i] = e.PersistenceId;
            seqs[i] = e.SequenceNr;
            created[i] = e.Timestamp.ToUnixTimeMilliseconds();
            manifests[i] = e.Manifest;
            serializers[i] = e.SerializerId;
            payloads[i] = e.Payload.ToArray();
            tags[i] = JournalTags.Encode(e.Tags);
            writers[i] = e.WriterUuid;
            prevs[i] = e.PrevHash.ToArray();
            hashes[i] = e.Hash.ToArray();
        }

        await using var command = new NpgsqlCommand(
            $"INSERT INTO {JournalTable} (persistence_id, sequence_number, deleted, created, manifest, serializer_id, payload, tags, writer_uuid, prev_hash, hash) " +
            "SELECT p, s, FALSE, c, m, z, pl, t, w, ph, h FROM unnest(@p, @s, @c, @m, @z, @pl, @t, @w, @ph, @h) WITH ORDINALITY AS x(p, s, c, m, z, pl, t, w, ph, h, n) ORDER BY n",
            (NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
        command.Parameters.Add(new NpgsqlParameter<string[]>("p", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { TypedValue = pids });
        command.Parameters.Add(new NpgsqlParameter<long[]>("s", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = seqs });
        command.Parameters.Add(new NpgsqlParameter<long[]>("c", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = created });
        command.Parameters.Add(new NpgsqlParameter<string[]>("m", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = manifests });
        command.Parameters.Add(new NpgsqlParameter<int[]>("z", NpgsqlDbType.Array | NpgsqlDbType.Integer) { TypedValue = serializers });
        command.Parameters.Add(new NpgsqlParameter<byte[][]>("pl", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { TypedValue = payloads });
        command.Parameters.Add(new NpgsqlParameter<string?[]>("t", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = tags });
        command.Parameters.Add(new NpgsqlParameter<string[]>("w", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = writers });
        command.Parameters.Add(new NpgsqlParameter<byte[][]>("ph", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { TypedValue = prevs });
        command.Parameters.Add(new NpgsqlParameter<byte[][]>("h", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { TypedValue = hashes });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    internal override bool IsTransient(Exception exception) => exception switch
    {
        // Serialization failures, deadlocks, too many connections, shutdown and connection loss heal
        // by retrying; constraint violations and syntax errors do not.
        PostgresException pg => pg.IsTransient || pg.SqlState is "40001" or "40P01" or "53300" or "57P01" or "57P02" or "57P03",
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is SocketException or IOException or TimeoutException,
        SocketException or TimeoutException => true,
        _ => false,
    };
}
