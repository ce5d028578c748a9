namespace FedActors.Persistence.Snapshots;

/// <summary>Identifies a snapshot: the entity, the sequence number of the last event it includes, and when it was taken (millisecond precision when stored).</summary>
/// <param name="PersistenceId">The persistent entity the snapshot belongs to.</param>
/// <param name="SequenceNr">The snapshot reflects all events up to and including this sequence number.</param>
/// <param name="Timestamp">When the snapshot was taken.</param>
public sealed record SnapshotMetadata(string PersistenceId, long SequenceNr, DateTimeOffset Timestamp);
