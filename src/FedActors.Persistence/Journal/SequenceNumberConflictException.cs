namespace FedActors.Persistence.Journal;

/// <summary>
/// Thrown when an atomic write does not continue its persistence id's stream: its first sequence
/// number is not the highest stored plus one. This means two writers use the same persistence id,
/// or a writer did not recover before writing; nothing of the write is stored.
/// </summary>
public sealed class SequenceNumberConflictException : Exception
{
    /// <summary>Creates the exception for a write of <paramref name="persistenceId"/> that started at <paramref name="actual"/>.</summary>
    public SequenceNumberConflictException(string persistenceId, long expected, long actual)
        : base($"Write for persistence id '{persistenceId}' starts at sequence number {actual}, but the journal expects {expected}. " +
               "Only one writer may use a persistence id, and it must recover before writing.")
    {
        PersistenceId = persistenceId;
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The persistence id written to.</summary>
    public string PersistenceId { get; }

    /// <summary>The sequence number the journal expected (highest stored plus one).</summary>
    public long Expected { get; }

    /// <summary>The first sequence number of the rejected write.</summary>
    public long Actual { get; }
}
