using FedActors.Persistence.Journal;
using FedActors.Persistence.Sqlite;
using FedActors.Persistence.Tests.Journal;

namespace FedActors.Persistence.Tests.Sqlite;

// A replay page size of 2 makes every multi-event replay cross page boundaries.
public sealed class SqliteJournalSpec : JournalSpec
{
    private readonly SqliteTestStore _store = new();

    protected override Task<IJournal> CreateJournalAsync() =>
        Task.FromResult<IJournal>(SqlitePersistence.CreateJournal(_store.Settings(), Time));

    protected override Task CleanupAsync()
    {
        _store.Dispose();
        return Task.CompletedTask;
    }

    protected override Task TamperPayloadAsync(string persistenceId, long sequenceNr) =>
        _store.ExecuteAsync($"UPDATE journal SET payload = X'FF' WHERE persistence_id = '{persistenceId}' AND sequence_number = {sequenceNr}");

    protected override Task RemoveEventAsync(string persistenceId, long sequenceNr) =>
        _store.ExecuteAsync($"DELETE FROM journal WHERE persistence_id = '{persistenceId}' AND sequence_number = {sequenceNr}");
}
