namespace FedActors.Persistence.Snapshots;

/// <summary>Thrown when a stored snapshot's hash does not match its contents; the snapshot is not restored.</summary>
public sealed class SnapshotIntegrityException : Exception
{
    /// <summary>Creates the exception for the snapshot of <paramref name="persistenceId"/> at <paramref name="sequenceNr"/>.</summary>
    public SnapshotIntegrityException(string persistenceId, long sequenceNr)
        : base($"Snapshot of persistence id '{persistenceId}' at sequence number {sequenceNr} does not match its stored hash. " +
               "Delete it (recovery then replays the journal) or restore it from a trusted copy.")
    {
        PersistenceId = persistenceId;
        SequenceNr = sequenceNr;
    }

    /// <summary>The persistence id of the damaged snapshot.</summary>
    public string PersistenceId { get; }

    /// <summary>The sequence number of the damaged snapshot.</summary>
    public long SequenceNr { get; }
}
