using System.Collections.Immutable;
using FedActors.Actors.Core;
using FedActors.Cluster.Events;
using FedActors.Cluster.Protos;
using FedActors.Crypto.Identity;

namespace FedActors.Cluster.Membership;

/// <summary>
/// The membership state members gossip in full: every incarnation with its status (Removed ones stay as
/// tombstones so that an older gossip cannot bring them back) and, per observer, the set of members it finds
/// unreachable. It is a state-based CRDT, so merging is commutative, associative and idempotent and needs no
/// version vector: a member's status only moves forward (<see cref="MemberStatus"/> order, the later one wins),
/// and each observer record has one writer, the observer, whose version counter picks the newer record.
/// </summary>
internal sealed class Gossip
{
    private Gossip(ImmutableSortedDictionary<UniqueAddress, Member> members, ImmutableDictionary<UniqueAddress, ObserverView> reachability)
    {
        Members = members;
        Reachability = reachability;
    }

    public static Gossip Empty { get; } = new(ImmutableSortedDictionary<UniqueAddress, Member>.Empty, ImmutableDictionary<UniqueAddress, ObserverView>.Empty);

    /// <summary>Every incarnation ever seen, Removed ones included.</summary>
    public ImmutableSortedDictionary<UniqueAddress, Member> Members { get; }

    /// <summary>Per observer: its version counter and the members it finds unreachable.</summary>
    public ImmutableDictionary<UniqueAddress, ObserverView> Reachability { get; }

    /// <summary>Members not yet removed.</summary>
    public IEnumerable<Member> Live => Members.Values.Where(m => m.Status != MemberStatus.Removed);

    /// <summary>
    /// The leader: among Up and Leaving members (Joining ones while there are none), the lowest address with the
    /// coordinator role, or the lowest address when no candidate has it. Reachability does not matter: in the star
    /// topology an unreachable coordinator stays leader, so nobody else takes decisions while it is away.
    /// </summary>
    public UniqueAddress? Leader
    {
        get
        {
            var candidates = Live.Where(m => m.Status is MemberStatus.Up or MemberStatus.Leaving).ToList();
            if (candidates.Count == 0)
            {
                candidates = [.. Live.Where(m => m.Status == MemberStatus.Joining)];
            }
            var coordinators = candidates.Where(m => m.HasRole(NodeRole.Coordinator)).ToList();
            return (coordinators.Count > 0 ? coordinators : candidates).Select(m => m.UniqueAddress).Min();
        }
    }

    /// <summary>Members (not removed) that an observer which is itself neither down nor removed finds unreachable.</summary>
    public IReadOnlySet<UniqueAddress> Unreachable
    {
        get
        {
            var result = new HashSet<UniqueAddress>();
            foreach (var (observer, view) in Reachability)
            {
                if (Members.TryGetValue(observer, out var member) && member.Status is not (MemberStatus.Down or MemberStatus.Removed))
                {
                    result.UnionWith(view.Unreachable.Where(s => Members.TryGetValue(s, out var subject) && subject.Status != MemberStatus.Removed));
                }
            }
            return result;
        }
    }

    public MemberStatus? StatusOf(UniqueAddress node) => Members.TryGetValue(node, out var member) ? member.Status : null;

    /// <summary>Adds a new incarnation as Joining; an incarnation already known is left as it is.</summary>
    public Gossip AddJoining(UniqueAddress node, IReadOnlyList<NodeRole> roles) =>
        Members.ContainsKey(node) ? this : new Gossip(Members.Add(node, new Member(node, MemberStatus.Joining, roles)), Reachability);

    /// <summary>Moves a member forward to <paramref name="status"/>; a status that is not later than the current one changes nothing.</summary>
    public Gossip WithStatus(UniqueAddress node, MemberStatus status) =>
        Members.TryGetValue(node, out var member) && status > member.Status
            ? new Gossip(
                Members.SetItem(node, new Member(node, status, member.Roles)),
                status == MemberStatus.Removed ? Reachability.Remove(node) : Reachability)
            : this;

    /// <summary>Replaces what <paramref name="observer"/> finds unreachable, bumping its version when that changes.</summary>
    public Gossip WithObservation(UniqueAddress observer, IReadOnlySet<UniqueAddress> unreachable)
    {
        var current = Reachability.GetValueOrDefault(observer);
        if (current is not null && current.Unreachable.SetEquals(unreachable))
        {
            return this;
        }
        var view = new ObserverView((current?.Version ?? 0) + 1, [.. unreachable]);
        return new Gossip(Members, Reachability.SetItem(observer, view));
    }

    /// <summary>The least state that contains both: the later status per member, the newer record per observer.</summary>
    public Gossip Merge(Gossip other)
    {
        var members = Members;
        foreach (var (node, theirs) in other.Members)
        {
            if (!members.TryGetValue(node, out var ours) || theirs.Status > ours.Status)
            {
                members = members.SetItem(node, ours is null ? theirs : new Member(node, theirs.Status, ours.Roles));
            }
        }
        var reachability = Reachability;
        foreach (var (observer, theirs) in other.Reachability)
        {
            if (!reachability.TryGetValue(observer, out var ours) || theirs.Version > ours.Version)
            {
                reachability = reachability.SetItem(observer, theirs);
            }
        }
        // Records of removed observers say nothing any more; dropping them keeps the state bounded.
        reachability = reachability.RemoveRange(reachability.Keys.Where(o => members.TryGetValue(o, out var m) && m.Status == MemberStatus.Removed));
        return new Gossip(members, reachability);
    }

    /// <summary>True when both hold the same statuses and the same observer versions.</summary>
    public bool SameAs(Gossip other) =>
        Members.Count == other.Members.Count
        && Members.All(p => other.Members.TryGetValue(p.Key, out var m) && m.Status == p.Value.Status)
        && Reachability.Count == other.Reachability.Count
        && Reachability.All(p => other.Reachability.TryGetValue(p.Key, out var r) && r.Version == p.Value.Version);

    /// <summary>The snapshot subscribers see.</summary>
    public CurrentClusterState ToState()
    {
        var unreachable = Unreachable;
        return new CurrentClusterState(
            [.. Live],
            [.. Live.Where(m => unreachable.Contains(m.UniqueAddress))],
            Leader?.Address);
    }

    public GossipState ToProto()
    {
        var state = new GossipState();
        foreach (var member in Members.Values)
        {
            var proto = new MemberState { Node = ToProto(member.UniqueAddress), Status = (Protos.Status)(int)member.Status };
            proto.Roles.AddRange(member.Roles.Select(NodeRoles.ToName));
            state.Members.Add(proto);
        }
        foreach (var (observer, view) in Reachability)
        {
            var record = new ObserverRecord { Observer = ToProto(observer), Version = view.Version };
            record.Unreachable.AddRange(view.Unreachable.Select(ToProto));
            state.Reachability.Add(record);
        }
        return state;
    }

    /// <summary>Reads gossip received from another node.</summary>
    /// <exception cref="FormatException">An address, status or role is invalid.</exception>
    public static Gossip FromProto(GossipState state)
    {
        var members = ImmutableSortedDictionary.CreateBuilder<UniqueAddress, Member>();
        foreach (var proto in state.Members)
        {
            if (!Enum.IsDefined((MemberStatus)(int)proto.Status))
            {
                throw new FormatException($"member status {(int)proto.Status} is unknown");
            }
            var node = FromProto(proto.Node);
            members[node] = new Member(node, (MemberStatus)(int)proto.Status, [.. proto.Roles.Select(NodeRoles.Parse)]);
        }
        var reachability = ImmutableDictionary.CreateBuilder<UniqueAddress, ObserverView>();
        foreach (var record in state.Reachability)
        {
            reachability[FromProto(record.Observer)] = new ObserverView(record.Version, [.. record.Unreachable.Select(FromProto)]);
        }
        return new Gossip(members.ToImmutable(), reachability.ToImmutable());
    }

    public static NodeId ToProto(UniqueAddress node) => new() { Address = node.Address.ToString(), Uid = node.Uid };

    /// <exception cref="FormatException">The address is missing or not a global <c>fedactors://</c> address.</exception>
    public static UniqueAddress FromProto(NodeId? node)
    {
        if (node is null)
        {
            throw new FormatException("a node id is missing");
        }
        var address = Address.Parse(node.Address);
        return address.HasGlobalScope ? new UniqueAddress(address, node.Uid) : throw new FormatException($"'{node.Address}' has no host and port");
    }
}
