using FedActors.Cluster.Membership;

namespace FedActors.Cluster.Events;

/// <summary>A new incarnation asked to join and is <see cref="MemberStatus.Joining"/>.</summary>
/// <param name="Member">The member as it is now.</param>
public sealed record MemberJoined(Member Member) : IClusterDomainEvent;
