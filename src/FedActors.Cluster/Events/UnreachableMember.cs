using FedActors.Cluster.Membership;

namespace FedActors.Cluster.Events;

/// <summary>A member's failure detector crossed its threshold at some observer (in the star topology: the coordinator, or, seen from the coordinator's side, this node).</summary>
/// <param name="Member">The member as it is now.</param>
public sealed record UnreachableMember(Member Member) : IClusterDomainEvent;
