using FedActors.Actors.Core;
using FedActors.Cluster.Membership;
using FedActors.Cluster.Protos;
using FedActors.Crypto.Identity;
using FsCheck;
using FsCheck.Fluent;
using Google.Protobuf;

namespace FedActors.Cluster.Tests;

public sealed class GossipTests
{
    private static readonly UniqueAddress Coordinator = Node(2552, 1);
    private static readonly UniqueAddress ClientA = Node(2553, 2);
    private static readonly UniqueAddress ClientB = Node(2554, 3);

    private static UniqueAddress Node(int port, ulong uid) => new(new Address(Address.DefaultProtocol, "fed", "127.0.0.1", port), uid);

    private static Gossip Three() => Gossip.Empty
        .AddJoining(ClientA, [NodeRole.Client])
        .AddJoining(Coordinator, [NodeRole.Coordinator])
        .AddJoining(ClientB, [NodeRole.Client]);

    [Fact]
    public void A_status_never_moves_backwards()
    {
        var gossip = Three().WithStatus(ClientA, MemberStatus.Leaving);
        Assert.Equal(MemberStatus.Leaving, gossip.WithStatus(ClientA, MemberStatus.Up).StatusOf(ClientA));
        Assert.Equal(MemberStatus.Leaving, gossip.Merge(Three().WithStatus(ClientA, MemberStatus.Up)).StatusOf(ClientA));
    }

    [Fact]
    public void The_leader_is_the_coordinator_even_when_a_client_has_a_lower_address()
    {
        var low = Node(1000, 9);
        var gossip = Three().AddJoining(low, [NodeRole.Client]);
        foreach (var node in new[] { low, Coordinator, ClientA, ClientB })
        {
            gossip = gossip.WithStatus(node, MemberStatus.Up);
        }
        Assert.Equal(Coordinator, gossip.Leader);
    }

    [Fact]
    public void Without_a_coordinator_the_lowest_Up_address_leads_and_Joining_members_lead_only_when_none_is_Up()
    {
        var gossip = Gossip.Empty.AddJoining(ClientB, [NodeRole.Client]).AddJoining(ClientA, [NodeRole.Client]);
        Assert.Equal(ClientA, gossip.Leader);
        Assert.Equal(ClientB, gossip.WithStatus(ClientB, MemberStatus.Up).Leader);
    }

    [Fact]
    public void A_member_is_unreachable_while_a_live_observer_says_so_and_not_after_that_observer_is_removed()
    {
        var gossip = Three().WithObservation(Coordinator, new HashSet<UniqueAddress> { ClientA });
        Assert.Equal([ClientA], gossip.Unreachable);
        Assert.Empty(gossip.WithObservation(Coordinator, new HashSet<UniqueAddress>()).Unreachable);
        Assert.Empty(gossip.WithStatus(Coordinator, MemberStatus.Removed).Unreachable);
    }

    [Fact]
    public void The_newer_observer_record_wins_a_merge_in_either_order()
    {
        var older = Three().WithObservation(Coordinator, new HashSet<UniqueAddress> { ClientA });
        var newer = older.WithObservation(Coordinator, new HashSet<UniqueAddress> { ClientB });
        Assert.Equal([ClientB], older.Merge(newer).Unreachable);
        Assert.Equal([ClientB], newer.Merge(older).Unreachable);
    }

    [Fact]
    public void Gossip_survives_a_protobuf_round_trip()
    {
        var gossip = Three().WithStatus(Coordinator, MemberStatus.Up).WithObservation(Coordinator, new HashSet<UniqueAddress> { ClientB });
        var back = Gossip.FromProto(GossipState.Parser.ParseFrom(gossip.ToProto().ToByteArray()));
        Assert.True(back.SameAs(gossip));
        Assert.Equal([NodeRole.Coordinator], back.Members[Coordinator].Roles);
        Assert.Equal([ClientB], back.Unreachable);
    }

    [Fact]
    public void Received_gossip_with_an_unknown_status_role_or_address_is_refused_with_a_FormatException()
    {
        var bad = Three().ToProto();
        bad.Members[0].Status = (Protos.Status)42;
        Assert.Throws<FormatException>(() => Gossip.FromProto(bad));
        bad = Three().ToProto();
        bad.Members[0].Roles.Add("emperor");
        Assert.Throws<FormatException>(() => Gossip.FromProto(bad));
        bad = Three().ToProto();
        bad.Members[0].Node.Address = "fedactors://fed";
        Assert.Throws<FormatException>(() => Gossip.FromProto(bad));
    }

    [FsCheck.Xunit.Property(MaxTest = 200)]
    public Property Merge_is_commutative_associative_and_idempotent()
    {
        var gossips = Gen.Choose(0, int.MaxValue).Select(RandomGossip);
        return Prop.ForAll(Arb.From(gossips), Arb.From(gossips), Arb.From(gossips), (a, b, c) =>
            a.Merge(b).SameAs(b.Merge(a))
            && a.Merge(b).Merge(c).SameAs(a.Merge(b.Merge(c)))
            && a.Merge(a).SameAs(a)
            && a.Merge(b).Merge(b).SameAs(a.Merge(b)));
    }

    [FsCheck.Xunit.Property(MaxTest = 500)]
    public Property Random_or_mutated_gossip_bytes_decode_or_fail_cleanly(byte[] noise, int position, byte value)
    {
        // Mutations of a valid encoding reach FromProto far more often than pure noise does.
        var valid = Three().WithObservation(Coordinator, new HashSet<UniqueAddress> { ClientA }).ToProto().ToByteArray();
        valid[(int)((uint)position % valid.Length)] = value;
        return Prop.ToProperty(DecodesOrFailsCleanly(noise ?? []) && DecodesOrFailsCleanly(valid));
    }

    private static bool DecodesOrFailsCleanly(byte[] bytes)
    {
        GossipState state;
        try
        {
            state = GossipState.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException)
        {
            return true;
        }
        try
        {
            Gossip.FromProto(state);
        }
        catch (FormatException)
        {
        }
        return true;
    }

    // Each observer writes its record alone, so a given version always has the same content: every random gossip
    // applies a prefix of one fixed sequence of observations per observer, then moves statuses forward.
    private static Gossip RandomGossip(int seed)
    {
        var random = new Random(seed);
        var nodes = new[] { Coordinator, ClientA, ClientB, Node(2555, 4) };
        var gossip = Gossip.Empty;
        foreach (var node in nodes.Where(_ => random.Next(4) > 0))
        {
            gossip = gossip.AddJoining(node, [node == Coordinator ? NodeRole.Coordinator : NodeRole.Client]);
        }
        for (var o = 0; o < nodes.Length; o++)
        {
            var observations = new Random(o);
            for (var step = random.Next(4); step > 0; step--)
            {
                gossip = gossip.WithObservation(nodes[o], nodes.Where(_ => observations.Next(2) == 0).ToHashSet());
            }
        }
        foreach (var node in nodes)
        {
            gossip = gossip.WithStatus(node, (MemberStatus)random.Next(6));
        }
        return gossip;
    }
}
