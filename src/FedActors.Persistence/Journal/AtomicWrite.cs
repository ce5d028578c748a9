namespace FedActors.Persistence.Journal;

/// <summary>
/// Events of one persistence id that the journal writes all together or not at all, with
/// contiguous sequence numbers (the first one following the highest already stored).
/// </summary>
public sealed class AtomicWrite
{
    /// <summary>Creates an atomic write, checking that the events share one persistence id and have contiguous sequence numbers.</summary>
    /// <exception cref="ArgumentException">When <paramref name="events"/> is empty, mixes persistence ids or has a gap.</exception>
    public AtomicWrite(IReadOnlyList<PersistentRepr> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            throw new ArgumentException("An atomic write needs at least one event.", nameof(events));
        }

        var first = events[0];
        if (string.IsNullOrEmpty(first.PersistenceId))
        {
            throw new ArgumentException("An event's persistence id must not be empty.", nameof(events));
        }

        if (first.SequenceNr < 1)
        {
            throw new ArgumentException($"Sequence numbers start at 1, was {first.SequenceNr} for '{first.PersistenceId}'.", nameof(events));
        }

        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (e.PersistenceId != first.PersistenceId)
            {
                throw new ArgumentException(
                    $"An atomic write holds events of one persistence id, got '{first.PersistenceId}' and '{e.PersistenceId}'.", nameof(events));
            }

            if (e.SequenceNr != first.SequenceNr + i)
            {
                throw new ArgumentException(
                    $"Sequence numbers of an atomic write must be contiguous: '{first.PersistenceId}' expected {first.SequenceNr + i}, was {e.SequenceNr}.", nameof(events));
            }

            foreach (var tag in e.Tags)
            {
                JournalTags.Validate(tag);
            }
        }

        Events = events;
    }

    /// <summary>Creates an atomic write of a single event.</summary>
    public AtomicWrite(PersistentRepr single)
        : this([single])
    {
    }

    /// <summary>The persistence id all events belong to.</summary>
    public string PersistenceId => Events[0].PersistenceId;

    /// <summary>Sequence number of the first event.</summary>
    public long LowestSequenceNr => Events[0].SequenceNr;

    /// <summary>Sequence number of the last event.</summary>
    public long HighestSequenceNr => Events[^1].SequenceNr;

    /// <summary>The events, in sequence-number order.</summary>
    public IReadOnlyList<PersistentRepr> Events { get; }
}
