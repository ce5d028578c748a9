using FedActors.Actors.Serialization;
using FedActors.Persistence.Snapshots;

namespace FedActors.Persistence;

/// <summary>Sent to the actor when <see cref="PersistentActor.DeleteSnapshots"/> has deleted the matching snapshots. Local only: it never crosses a process boundary.</summary>
/// <param name="Criteria">The criteria deleted by.</param>
public sealed record DeleteSnapshotsSuccess(SnapshotSelectionCriteria Criteria) : INoSerializationVerificationNeeded;
