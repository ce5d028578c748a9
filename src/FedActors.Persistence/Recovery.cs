using FedActors.Persistence.Snapshots;

namespace FedActors.Persistence;

/// <summary>How a persistent actor recovers: from the latest snapshot matching <see cref="FromSnapshot"/>, then events up to <see cref="ToSequenceNr"/>, at most <see cref="ReplayMax"/> of them.</summary>
/// <param name="FromSnapshot">Which snapshot to start from (<see cref="SnapshotSelectionCriteria.None"/> replays from the first event).</param>
/// <param name="ToSequenceNr">Last event to replay.</param>
/// <param name="ReplayMax">Most events to replay.</param>
public sealed record Recovery(SnapshotSelectionCriteria FromSnapshot, long ToSequenceNr = long.MaxValue, long ReplayMax = long.MaxValue)
{
    /// <summary>Latest snapshot, then every later event.</summary>
    public static Recovery Default { get; } = new(SnapshotSelectionCriteria.Latest);

    /// <summary>No snapshot and no events: the actor starts empty but continues its stream's sequence numbers.</summary>
    public static Recovery None { get; } = new(SnapshotSelectionCriteria.None, 0);
}
