using FedActors.Actors.Core;
using FedActors.Cluster.Membership;
using FedActors.Crypto.Identity;

namespace FedActors.Cluster.Events;

/// <summary>
/// A snapshot of the membership as this node sees it: sent first to every new subscriber, and available at any
/// time as <see cref="Cluster.State"/>.
/// </summary>
/// <param name="Members">Members not yet removed, ordered by address.</param>
/// <param name="Unreachable">Members some observer currently finds unreachable.</param>
/// <param name="Leader">The leader's address, or null.</param>
public sealed record CurrentClusterState(IReadOnlyList<Member> Members, IReadOnlyList<Member> Unreachable, Address? Leader)
{
    /// <summary>The state of a node that has not joined: no members, no leader.</summary>
    public static CurrentClusterState Empty { get; } = new([], [], null);

    /// <summary>Members with <paramref name="role"/> and status <paramref name="status"/>, ordered by address.</summary>
    public IReadOnlyList<Member> MembersWith(NodeRole role, MemberStatus status = MemberStatus.Up) =>
        [.. Members.Where(m => m.Status == status && m.HasRole(role))];

    /// <summary>True when <paramref name="member"/> is in <see cref="Unreachable"/>.</summary>
    public bool IsUnreachable(UniqueAddress member) => Unreachable.Any(m => m.UniqueAddress.Equals(member));
}
