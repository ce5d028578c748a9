using FedActors.Persistence.Journal;
using FedActors.Persistence.PostgreSql;
using FedActors.Persistence.Resilience;
using FedActors.Persistence.Sql;
using FedActors.Persistence.Tests.Infrastructure;
using static FedActors.Persistence.Tests.Infrastructure.Events;

namespace FedActors.Persistence.Tests.PostgreSql;

/// <summary>PostgreSQL-specific behaviour: an unreachable server, corrupt rows, concurrent initialization, reopening.</summary>
public sealed class PostgreSqlJournalTests : IAsyncLifetime
{
    private readonly string _schema = PostgreSqlTestDatabase.NewSchemaName();
    private readonly ManualTimeProvider _time = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => PostgreSqlTestDatabase.DropSchemaAsync(_schema);

    private SqlStoreSettings Settings() =>
        new("fedactors.persistence.postgresql", PostgreSqlTestDatabase.RequireConnectionString(), schema: _schema);

    [Fact]
    public async Task Surfaces_an_unreachable_server_after_bounded_retries()
    {
        // Port 1 on loopback refuses connections at once; no PostgreSQL is needed for this test.
        var settings = new SqlStoreSettings("fedactors.persistence.postgresql", "Host=127.0.0.1;Port=1;Username=x;Database=x;Timeout=2",
            resilience: new ResilienceSettings(1, TimeSpan.Zero, TimeSpan.Zero, 5, TimeSpan.FromSeconds(30)));
        await using var journal = PostgreSqlPersistence.CreateJournal(settings, _time);

        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => journal.WriteMessagesAsync([Write("p", 1, 1)]));
        Assert.Equal(2, error.Attempts);
        Assert.Contains("PostgreSQL store '127.0.0.1:1/x'", error.Message, StringComparison.Ordinal);
    }

    [PostgreSqlFact]
    public async Task A_row_with_a_null_manifest_is_reported_with_table_ordering_and_persistence_id()
    {
        await using var journal = PostgreSqlPersistence.CreateJournal(Settings(), _time);
        await journal.WriteMessagesAsync([Write("broken", 1, 2)]);
        await PostgreSqlTestDatabase.ExecuteAsync(
            $"ALTER TABLE {_schema}.journal ALTER COLUMN manifest DROP NOT NULL; UPDATE {_schema}.journal SET manifest = NULL WHERE sequence_number = 2");

        var error = await Assert.ThrowsAsync<CorruptRowException>(async () => await journal.ReplayMessagesAsync("broken", 1, 10, 10).ToListAsync());
        Assert.Equal((_schema + ".journal", 2L, "broken"), (error.Table, error.Ordering, error.PersistenceId));
        Assert.Contains("column 'manifest' is NULL", error.Message, StringComparison.Ordinal);
    }

    [PostgreSqlFact]
    public async Task Journals_initializing_the_same_schema_concurrently_both_work()
    {
        await using var a = PostgreSqlPersistence.CreateJournal(Settings(), _time);
        await using var b = PostgreSqlPersistence.CreateJournal(Settings(), _time);
        await Task.WhenAll(a.WriteMessagesAsync([Write("a", 1, 1)]), b.WriteMessagesAsync([Write("b", 1, 1)]));
        Assert.Equal(["a", "b"], await a.CurrentPersistenceIdsAsync().ToListAsync());
    }

    [PostgreSqlFact]
    public async Task Continues_the_chain_after_reconnecting()
    {
        await using (var first = PostgreSqlPersistence.CreateJournal(Settings(), _time))
        {
            await first.WriteMessagesAsync([Write("p", 1, 3)]);
        }

        await using var second = PostgreSqlPersistence.CreateJournal(Settings(), _time);
        await second.WriteMessagesAsync([Write("p", 4, 4)]);
        Assert.Equal([1L, 2, 3, 4], (await second.ReplayMessagesAsync("p", 1, 10, 10).ToListAsync()).Select(r => r.SequenceNr));
    }
}
