namespace FedActors.Persistence.Journal;

/// <summary>
/// Thrown when a replay finds that the hash chain of a persistence id is broken: an event's stored
/// hash does not match its contents, its predecessor hash does not match the previous event, or an
/// event is missing. The journal refuses to deliver the event and everything after it.
/// </summary>
public sealed class JournalIntegrityException : Exception
{
    /// <summary>Creates the exception for the event at <paramref name="sequenceNr"/> of <paramref name="persistenceId"/>.</summary>
    public JournalIntegrityException(string persistenceId, long sequenceNr, string problem)
        : base($"Journal integrity violated for persistence id '{persistenceId}' at sequence number {sequenceNr}: {problem}. " +
               "The journal was altered after it was written; restore it from a trusted copy or start a new persistence id.")
    {
        PersistenceId = persistenceId;
        SequenceNr = sequenceNr;
    }

    /// <summary>The persistence id whose chain is broken.</summary>
    public string PersistenceId { get; }

    /// <summary>The first sequence number at which the chain fails to verify.</summary>
    public long SequenceNr { get; }
}
