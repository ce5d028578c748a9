namespace FedActors.Persistence;

/// <summary>Which store backs the journal or the snapshot store (<c>fedactors.persistence.journal.plugin</c>, <c>snapshot-store.plugin</c>).</summary>
public enum PersistencePlugin
{
    /// <summary>Process memory; nothing survives the process (tests).</summary>
    Memory,

    /// <summary>One SQLite file in WAL mode (the embedded default).</summary>
    Sqlite,

    /// <summary>PostgreSQL through Npgsql (the store for clusters).</summary>
    PostgreSql,
}
