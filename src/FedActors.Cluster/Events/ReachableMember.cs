using FedActors.Cluster.Membership;

namespace FedActors.Cluster.Events;

/// <summary>Every observer that found the member unreachable hears from it again.</summary>
/// <param name="Member">The member as it is now.</param>
public sealed record ReachableMember(Member Member) : IClusterDomainEvent;
