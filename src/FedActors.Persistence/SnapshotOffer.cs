using FedActors.Persistence.Snapshots;

namespace FedActors.Persistence;

/// <summary>Delivered to <see cref="PersistentActor.ReceiveRecover"/> first when recovery starts from a snapshot.</summary>
/// <param name="Metadata">Which snapshot it is.</param>
/// <param name="Snapshot">The deserialized state.</param>
public sealed record SnapshotOffer(SnapshotMetadata Metadata, object Snapshot);
