using FedActors.Persistence.Snapshots;
using FedActors.Persistence.Sqlite;
using FedActors.Persistence.Tests.Snapshots;

namespace FedActors.Persistence.Tests.Sqlite;

public sealed class SqliteSnapshotStoreSpec : SnapshotStoreSpec
{
    private readonly SqliteTestStore _store = new();

    protected override Task<ISnapshotStore> CreateStoreAsync() =>
        Task.FromResult<ISnapshotStore>(SqlitePersistence.CreateSnapshotStore(_store.Settings(), TimeProvider.System));

    protected override Task CleanupAsync()
    {
        _store.Dispose();
        return Task.CompletedTask;
    }

    protected override Task TamperPayloadAsync(string persistenceId, long sequenceNr) =>
        _store.ExecuteAsync($"UPDATE snapshot SET payload = X'FF' WHERE persistence_id = '{persistenceId}' AND sequence_number = {sequenceNr}");
}
