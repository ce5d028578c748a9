namespace FedActors.Persistence.Snapshots;

/// <summary>
/// A snapshot store after Akka.Persistence's <c>SnapshotStore</c>: at most one snapshot per
/// (persistence id, sequence number), loaded newest first. Implementations are safe for concurrent use.
/// </summary>
public interface ISnapshotStore : IAsyncDisposable
{
    /// <summary>Stores <paramref name="snapshot"/>, replacing any snapshot with the same persistence id and sequence number.</summary>
    Task SaveAsync(StoredSnapshot snapshot, CancellationToken cancellationToken = default);

    /// <summary>
    /// The snapshot of <paramref name="persistenceId"/> with the highest sequence number among those
    /// matching <paramref name="criteria"/>, or null; a snapshot whose stored hash does not match its
    /// contents throws <see cref="SnapshotIntegrityException"/>.
    /// </summary>
    Task<StoredSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default);

    /// <summary>Deletes the snapshot with the persistence id and sequence number of <paramref name="metadata"/>, if any.</summary>
    Task DeleteAsync(SnapshotMetadata metadata, CancellationToken cancellationToken = default);

    /// <summary>Deletes every snapshot of <paramref name="persistenceId"/> matching <paramref name="criteria"/>.</summary>
    Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default);
}
