using FedActors.Persistence.PostgreSql;
using FedActors.Persistence.Snapshots;
using FedActors.Persistence.Sql;
using FedActors.Persistence.Tests.Infrastructure;
using FedActors.Persistence.Tests.Snapshots;

namespace FedActors.Persistence.Tests.PostgreSql;

/// <summary>The snapshot-store spec on PostgreSQL; each test uses its own schema.</summary>
[RequiresPostgreSql]
public sealed class PostgreSqlSnapshotStoreSpec : SnapshotStoreSpec
{
    private readonly string _schema = PostgreSqlTestDatabase.NewSchemaName();

    protected override Task<ISnapshotStore> CreateStoreAsync()
    {
        var settings = new SqlStoreSettings("fedactors.persistence.postgresql", PostgreSqlTestDatabase.RequireConnectionString(), schema: _schema);
        return Task.FromResult<ISnapshotStore>(PostgreSqlPersistence.CreateSnapshotStore(settings, TimeProvider.System));
    }

    protected override Task CleanupAsync() => PostgreSqlTestDatabase.DropSchemaAsync(_schema);

    protected override Task TamperPayloadAsync(string persistenceId, long sequenceNr) =>
        PostgreSqlTestDatabase.ExecuteAsync(
            $"UPDATE {_schema}.snapshot SET payload = '\\xff'::bytea WHERE persistence_id = '{persistenceId}' AND sequence_number = {sequenceNr}");
}
