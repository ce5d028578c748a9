using FedActors.Persistence.Memory;
using FedActors.Persistence.Snapshots;
using FedActors.Persistence.Tests.Snapshots;

namespace FedActors.Persistence.Tests.Memory;

public sealed class MemorySnapshotStoreSpec : SnapshotStoreSpec
{
    private readonly MemorySnapshotStore _store = new();

    protected override Task<ISnapshotStore> CreateStoreAsync() => Task.FromResult<ISnapshotStore>(_store);

    protected override Task TamperPayloadAsync(string persistenceId, long sequenceNr)
    {
        _store.Tamper(persistenceId, sequenceNr, s => s with { Payload = new byte[] { 0xFF } });
        return Task.CompletedTask;
    }
}
