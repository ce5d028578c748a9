using FedActors.Persistence.Snapshots;

namespace FedActors.Persistence.Memory;

/// <summary>A snapshot store held in process memory, for tests; same semantics and hash check as the SQL stores.</summary>
public sealed class MemorySnapshotStore : ISnapshotStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string PersistenceId, long SequenceNr), (StoredSnapshot Snapshot, byte[] Hash)> _snapshots = [];

    /// <inheritdoc/>
    public Task SaveAsync(StoredSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var stored = snapshot with { Metadata = snapshot.Metadata with { Timestamp = SnapshotHash.ToStoredPrecision(snapshot.Metadata.Timestamp) } };
        lock (_gate)
        {
            _snapshots[(stored.Metadata.PersistenceId, stored.Metadata.SequenceNr)] = (stored, SnapshotHash.Compute(stored));
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<StoredSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        (StoredSnapshot Snapshot, byte[] Hash)? best = null;
        lock (_gate)
        {
            foreach (var entry in _snapshots.Values)
            {
                var metadata = entry.Snapshot.Metadata;
                if (metadata.PersistenceId == persistenceId && criteria.IsMatch(metadata)
                    && (best is null || metadata.SequenceNr > best.Value.Snapshot.Metadata.SequenceNr))
                {
                    best = entry;
                }
            }
        }

        if (best is not { } found)
        {
            return Task.FromResult<StoredSnapshot?>(null);
        }

        SnapshotHash.Verify(found.Snapshot, found.Hash);
        return Task.FromResult<StoredSnapshot?>(found.Snapshot);
    }

    /// <inheritdoc/>
    public Task DeleteAsync(SnapshotMetadata metadata, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        lock (_gate)
        {
            _snapshots.Remove((metadata.PersistenceId, metadata.SequenceNr));
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        lock (_gate)
        {
            foreach (var key in _snapshots.Where(e => e.Key.PersistenceId == persistenceId && criteria.IsMatch(e.Value.Snapshot.Metadata)).Select(e => e.Key).ToList())
            {
                _snapshots.Remove(key);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>Replaces a stored snapshot's contents (hash kept), so tests can simulate damage.</summary>
    internal void Tamper(string persistenceId, long sequenceNr, Func<StoredSnapshot, StoredSnapshot> change)
    {
        lock (_gate)
        {
            var entry = _snapshots[(persistenceId, sequenceNr)];
            _snapshots[(persistenceId, sequenceNr)] = (change(entry.Snapshot), entry.Hash);
        }
    }
}
