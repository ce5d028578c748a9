using FedActors.Persistence.Sql;

namespace FedActors.Persistence.PostgreSql;

/// <summary>Creates the PostgreSQL journal and snapshot store (the store for clusters).</summary>
public static class PostgreSqlPersistence
{
    /// <summary>Creates a journal on the database named by <paramref name="settings"/>; schema and tables are created on first use when auto-initialize is on.</summary>
    public static SqlJournal CreateJournal(SqlStoreSettings settings, TimeProvider time) => new(new PostgreSqlDialect(settings), time);

    /// <summary>Creates a snapshot store on the database named by <paramref name="settings"/>.</summary>
    public static SqlSnapshotStore CreateSnapshotStore(SqlStoreSettings settings, TimeProvider time) => new(new PostgreSqlDialect(settings), time);
}
