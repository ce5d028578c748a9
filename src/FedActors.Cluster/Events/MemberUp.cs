using FedActors.Cluster.Membership;

namespace FedActors.Cluster.Events;

/// <summary>A member became <see cref="MemberStatus.Up"/> (moved by the leader).</summary>
/// <param name="Member">The member as it is now.</param>
public sealed record MemberUp(Member Member) : IClusterDomainEvent;
