using FedActors.Cluster.Membership;

namespace FedActors.Cluster.Events;

/// <summary>A leaving member is <see cref="MemberStatus.Exiting"/>; it is removed next.</summary>
/// <param name="Member">The member as it is now.</param>
public sealed record MemberExited(Member Member) : IClusterDomainEvent;
