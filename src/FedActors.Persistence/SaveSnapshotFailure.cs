using FedActors.Actors.Serialization;
using FedActors.Persistence.Snapshots;

namespace FedActors.Persistence;

/// <summary>Sent to the actor when a snapshot requested with <see cref="PersistentActor.SaveSnapshot"/> could not be serialized or stored; the actor keeps running. Local only: it never crosses a process boundary.</summary>
/// <param name="Metadata">The snapshot that was not stored.</param>
/// <param name="Cause">Why.</param>
public sealed record SaveSnapshotFailure(SnapshotMetadata Metadata, Exception Cause) : INoSerializationVerificationNeeded;
