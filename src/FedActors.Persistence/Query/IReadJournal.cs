namespace FedActors.Persistence.Query;

/// <summary>
/// Finite queries over a journal's current contents, after Akka.Persistence.Query's
/// <c>CurrentEventsByPersistenceId</c>, <c>CurrentEventsByTag</c> and <c>CurrentPersistenceIds</c>.
/// Deleted events are never returned; every returned event has had its hash verified.
/// </summary>
public interface IReadJournal
{
    /// <summary>Events of <paramref name="persistenceId"/> in the inclusive sequence-number range, with full chain verification.</summary>
    IAsyncEnumerable<EventEnvelope> CurrentEventsByPersistenceIdAsync(
        string persistenceId, long fromSequenceNr, long toSequenceNr, CancellationToken cancellationToken = default);

    /// <summary>Events tagged <paramref name="tag"/> whose offset is greater than <paramref name="offset"/>, in offset order (0 reads from the start).</summary>
    IAsyncEnumerable<EventEnvelope> CurrentEventsByTagAsync(string tag, long offset, CancellationToken cancellationToken = default);

    /// <summary>Every persistence id that has at least one stored event, in ordinal order.</summary>
    IAsyncEnumerable<string> CurrentPersistenceIdsAsync(CancellationToken cancellationToken = default);
}
