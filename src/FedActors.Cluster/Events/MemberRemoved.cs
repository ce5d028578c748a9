using FedActors.Cluster.Membership;

namespace FedActors.Cluster.Events;

/// <summary>A member is <see cref="MemberStatus.Removed"/>: after a graceful leave (previous status Exiting) or after it was downed (previous status Down).</summary>
/// <param name="Member">The member, now Removed.</param>
/// <param name="PreviousStatus">The status it had before removal.</param>
public sealed record MemberRemoved(Member Member, MemberStatus PreviousStatus) : IClusterDomainEvent;
