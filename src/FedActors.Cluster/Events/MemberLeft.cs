using FedActors.Cluster.Membership;

namespace FedActors.Cluster.Events;

/// <summary>A member asked to leave and is <see cref="MemberStatus.Leaving"/>.</summary>
/// <param name="Member">The member as it is now.</param>
public sealed record MemberLeft(Member Member) : IClusterDomainEvent;
