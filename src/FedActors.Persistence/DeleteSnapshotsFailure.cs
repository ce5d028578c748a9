using FedActors.Actors.Serialization;
using FedActors.Persistence.Snapshots;

namespace FedActors.Persistence;

/// <summary>Sent to the actor when <see cref="PersistentActor.DeleteSnapshots"/> failed. Local only: it never crosses a process boundary.</summary>
/// <param name="Criteria">The criteria.</param>
/// <param name="Cause">Why.</param>
public sealed record DeleteSnapshotsFailure(SnapshotSelectionCriteria Criteria, Exception Cause) : INoSerializationVerificationNeeded;
