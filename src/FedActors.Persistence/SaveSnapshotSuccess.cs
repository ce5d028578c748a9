using FedActors.Actors.Serialization;
using FedActors.Persistence.Snapshots;

namespace FedActors.Persistence;

/// <summary>Sent to the actor when a snapshot requested with <see cref="PersistentActor.SaveSnapshot"/> has been stored. Local only: it never crosses a process boundary.</summary>
/// <param name="Metadata">The stored snapshot.</param>
public sealed record SaveSnapshotSuccess(SnapshotMetadata Metadata) : INoSerializationVerificationNeeded;
