namespace FedActors.Federation.Journal;

/// <summary>A run's journal failed verification: the event it names was altered, or a signature or blob it refers to does not check out.</summary>
public sealed class JournalVerificationException : Exception
{
    /// <summary>Creates the exception for event <paramref name="sequenceNr"/> (of type <paramref name="eventType"/>) of <paramref name="persistenceId"/>.</summary>
    public JournalVerificationException(string persistenceId, long sequenceNr, string eventType, string problem, Exception? innerException = null)
        : base($"Journal verification failed at {persistenceId} #{sequenceNr} ({eventType}): {problem}", innerException)
    {
        PersistenceId = persistenceId;
        SequenceNr = sequenceNr;
        EventType = eventType;
        Problem = problem;
    }

    /// <summary>The persistence id of the failing event.</summary>
    public string PersistenceId { get; }

    /// <summary>The sequence number of the failing event.</summary>
    public long SequenceNr { get; }

    /// <summary>The failing event's type (from its manifest), e.g. <c>RoundCompleted</c>.</summary>
    public string EventType { get; }

    /// <summary>What is wrong with it.</summary>
    public string Problem { get; }
}
