using System.Text.RegularExpressions;
using FedActors.Persistence.Resilience;

namespace FedActors.Persistence.Sql;

/// <summary>
/// Settings shared by the SQLite and PostgreSQL plugins, validated on construction with messages
/// naming the HOCON key under <see cref="Section"/> (<c>fedactors.persistence.sqlite</c> or
/// <c>fedactors.persistence.postgresql</c>) or <c>fedactors.persistence.journal</c>.
/// </summary>
public sealed partial class SqlStoreSettings
{
    /// <summary>Creates validated settings.</summary>
    /// <param name="section">HOCON path of the plugin section, used in error messages.</param>
    /// <param name="connectionString">ADO.NET connection string of the database.</param>
    /// <param name="schema">PostgreSQL schema holding the tables, or null for the database default (SQLite has none).</param>
    /// <param name="journalTable">Name of the journal table.</param>
    /// <param name="snapshotTable">Name of the snapshot table.</param>
    /// <param name="autoInitialize">Whether the plugin creates its schema and tables when missing.</param>
    /// <param name="batchSize">Most events the writer groups into one transaction.</param>
    /// <param name="replayPageSize">Rows read per query while replaying.</param>
    /// <param name="resilience">Retry and circuit-breaker settings; <see cref="ResilienceSettings.Default"/> when null.</param>
    /// <exception cref="ArgumentException">When a value is invalid; the message names the key and the value.</exception>
    public SqlStoreSettings(
        string section,
        string connectionString,
        string? schema = null,
        string journalTable = "journal",
        string snapshotTable = "snapshot",
        bool autoInitialize = true,
        int batchSize = 1000,
        int replayPageSize = 1000,
        ResilienceSettings? resilience = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(section);
        Section = section;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ArgumentException($"{section}.connection-string must not be empty, was '{connectionString}'", nameof(connectionString));
        }

        if (schema is not null && !Identifier().IsMatch(schema))
        {
            throw new ArgumentException($"{section}.schema must be a plain SQL identifier ([A-Za-z_][A-Za-z0-9_]*), was '{schema}'", nameof(schema));
        }

        if (!Identifier().IsMatch(journalTable))
        {
            throw new ArgumentException($"{section}.journal-table must be a plain SQL identifier ([A-Za-z_][A-Za-z0-9_]*), was '{journalTable}'", nameof(journalTable));
        }

        if (!Identifier().IsMatch(snapshotTable))
        {
            throw new ArgumentException($"{section}.snapshot-table must be a plain SQL identifier ([A-Za-z_][A-Za-z0-9_]*), was '{snapshotTable}'", nameof(snapshotTable));
        }

        if (batchSize < 1)
        {
            throw new ArgumentException($"fedactors.persistence.journal.batch-size must be >= 1, was {batchSize}", nameof(batchSize));
        }

        if (replayPageSize < 1)
        {
            throw new ArgumentException($"fedactors.persistence.journal.replay-page-size must be >= 1, was {replayPageSize}", nameof(replayPageSize));
        }

        ConnectionString = connectionString;
        Schema = schema;
        JournalTable = journalTable;
        SnapshotTable = snapshotTable;
        AutoInitialize = autoInitialize;
        BatchSize = batchSize;
        ReplayPageSize = replayPageSize;
        Resilience = resilience ?? ResilienceSettings.Default;
    }

    /// <summary>HOCON path of the plugin section.</summary>
    public string Section { get; }

    /// <summary>ADO.NET connection string of the database.</summary>
    public string ConnectionString { get; }

    /// <summary>PostgreSQL schema holding the tables, or null for the database default.</summary>
    public string? Schema { get; }

    /// <summary>Name of the journal table.</summary>
    public string JournalTable { get; }

    /// <summary>Name of the snapshot table.</summary>
    public string SnapshotTable { get; }

    /// <summary>Whether the plugin creates its schema and tables when missing.</summary>
    public bool AutoInitialize { get; }

    /// <summary>Most events the writer groups into one transaction (one write larger than this is still written whole).</summary>
    public int BatchSize { get; }

    /// <summary>Rows read per query while replaying.</summary>
    public int ReplayPageSize { get; }

    /// <summary>Retry and circuit-breaker settings.</summary>
    public ResilienceSettings Resilience { get; }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();
}
