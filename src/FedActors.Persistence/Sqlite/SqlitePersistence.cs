using FedActors.Persistence.Sql;

namespace FedActors.Persistence.Sqlite;

/// <summary>Creates the SQLite journal and snapshot store (the embedded default: one database file).</summary>
public static class SqlitePersistence
{
    /// <summary>Creates a journal on the file named by <paramref name="settings"/>; tables are created on first use when auto-initialize is on.</summary>
    public static SqlJournal CreateJournal(SqlStoreSettings settings, TimeProvider time) => new(new SqliteDialect(settings), time);

    /// <summary>Creates a snapshot store on the file named by <paramref name="settings"/>.</summary>
    public static SqlSnapshotStore CreateSnapshotStore(SqlStoreSettings settings, TimeProvider time) => new(new SqliteDialect(settings), time);
}
