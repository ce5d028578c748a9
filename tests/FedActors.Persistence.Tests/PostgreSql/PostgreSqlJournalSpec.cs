using FedActors.Persistence.Journal;
using FedActors.Persistence.PostgreSql;
using FedActors.Persistence.Sql;
using FedActors.Persistence.Tests.Infrastructure;
using FedActors.Persistence.Tests.Journal;

namespace FedActors.Persistence.Tests.PostgreSql;

/// <summary>The journal spec on PostgreSQL; each test uses its own schema. Skipped (or failed in CI) without FEDACTORS_TEST_POSTGRES.</summary>
[RequiresPostgreSql]
public sealed class PostgreSqlJournalSpec : JournalSpec
{
    private readonly string _schema = PostgreSqlTestDatabase.NewSchemaName();

    protected override Task<IJournal> CreateJournalAsync()
    {
        var settings = new SqlStoreSettings(
            "fedactors.persistence.postgresql", PostgreSqlTestDatabase.RequireConnectionString(), schema: _schema, replayPageSize: 2);
        return Task.FromResult<IJournal>(PostgreSqlPersistence.CreateJournal(settings, Time));
    }

    protected override Task CleanupAsync() => PostgreSqlTestDatabase.DropSchemaAsync(_schema);

    protected override Task TamperPayloadAsync(string persistenceId, long sequenceNr) =>
        PostgreSqlTestDatabase.ExecuteAsync(
            $"UPDATE {_schema}.journal SET payload = '\\xff'::bytea WHERE persistence_id = '{persistenceId}' AND sequence_number = {sequenceNr}");

    protected override Task RemoveEventAsync(string persistenceId, long sequenceNr) =>
        PostgreSqlTestDatabase.ExecuteAsync($"DELETE FROM {_schema}.journal WHERE persistence_id = '{persistenceId}' AND sequence_number = {sequenceNr}");
}
