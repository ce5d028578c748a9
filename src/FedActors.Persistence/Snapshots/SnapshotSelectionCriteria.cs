namespace FedActors.Persistence.Snapshots;

/// <summary>
/// Selects snapshots by inclusive bounds on sequence number and timestamp, after Akka.Persistence's
/// criteria of the same name. A snapshot matches when all four bounds hold.
/// </summary>
/// <param name="MaxSequenceNr">Upper bound on the sequence number.</param>
/// <param name="MaxTimestamp">Upper bound on the timestamp.</param>
/// <param name="MinSequenceNr">Lower bound on the sequence number.</param>
/// <param name="MinTimestamp">Lower bound on the timestamp.</param>
public sealed record SnapshotSelectionCriteria(
    long MaxSequenceNr,
    DateTimeOffset MaxTimestamp,
    long MinSequenceNr,
    DateTimeOffset MinTimestamp)
{
    /// <summary>Creates criteria with only upper bounds.</summary>
    public SnapshotSelectionCriteria(long maxSequenceNr, DateTimeOffset maxTimestamp)
        : this(maxSequenceNr, maxTimestamp, 0, DateTimeOffset.MinValue)
    {
    }

    /// <summary>Creates criteria bounding only the sequence number from above.</summary>
    public SnapshotSelectionCriteria(long maxSequenceNr)
        : this(maxSequenceNr, DateTimeOffset.MaxValue)
    {
    }

    /// <summary>Matches every snapshot, so loading selects the latest.</summary>
    public static SnapshotSelectionCriteria Latest { get; } = new(long.MaxValue);

    /// <summary>Matches no snapshot, so recovery replays from the first event.</summary>
    public static SnapshotSelectionCriteria None { get; } = new(0, DateTimeOffset.MinValue);

    /// <summary>True when <paramref name="metadata"/> lies within all four bounds.</summary>
    public bool IsMatch(SnapshotMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return metadata.SequenceNr <= MaxSequenceNr && metadata.SequenceNr >= MinSequenceNr
            && metadata.Timestamp <= MaxTimestamp && metadata.Timestamp >= MinTimestamp;
    }
}
