namespace FedActors.Persistence.Journal;

/// <summary>
/// An event journal: an append-only, hash-chained stream of serialized events per persistence id,
/// after Akka.Persistence's <c>AsyncWriteJournal</c>. Implementations are safe for concurrent use.
/// </summary>
public interface IJournal : IAsyncDisposable
{
    /// <summary>
    /// Stores <paramref name="writes"/> atomically: when the task completes successfully all events
    /// are durable and chained; when it faults, none of them is stored. Each write must continue
    /// its persistence id's stream (first sequence number = highest stored + 1), otherwise the task
    /// faults with <see cref="SequenceNumberConflictException"/>. <paramref name="cancellationToken"/>
    /// is honoured only until the writes are queued.
    /// </summary>
    Task WriteMessagesAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replays the non-deleted events of <paramref name="persistenceId"/> with
    /// <paramref name="fromSequenceNr"/> ≤ sequence number ≤ <paramref name="toSequenceNr"/>, in order,
    /// at most <paramref name="max"/> of them, verifying the hash chain from the event before
    /// <paramref name="fromSequenceNr"/>; a broken chain throws <see cref="JournalIntegrityException"/>
    /// before the offending event is delivered.
    /// </summary>
    IAsyncEnumerable<PersistentRepr> ReplayMessagesAsync(
        string persistenceId, long fromSequenceNr, long toSequenceNr, long max, CancellationToken cancellationToken = default);

    /// <summary>The highest sequence number ever stored for <paramref name="persistenceId"/> (deleted events included), or 0.</summary>
    Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks the events of <paramref name="persistenceId"/> up to <paramref name="toSequenceNr"/> as deleted:
    /// they are no longer replayed or queried, but they stay in the chain (so later events still
    /// verify) and the highest sequence number is unchanged.
    /// </summary>
    Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default);
}
