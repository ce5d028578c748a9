using FedActors.Cluster.Events;
using FedActors.Cluster.Membership;
using FedActors.Crypto.Identity;

namespace FedActors.Cluster.Tests;

[Collection(ClusterCollection.Name)]
public sealed class ClusterTests(ClusterFixture fixture)
{
    private static string Describe(params ClusterNode[] nodes) => string.Join("\n", nodes.Select(n =>
        $"{n.Identity} {n.Address}: [{string.Join(", ", n.Cluster.State.Members)}] unreachable [{string.Join(", ", n.Cluster.State.Unreachable)}] leader {n.Cluster.State.Leader}\n  "
        + string.Join("\n  ", n.Log.Lines.TakeLast(15))));

    private static Task AllUp(int count, params ClusterNode[] nodes) => Eventually.True(
        () => nodes.All(n => n.Cluster.State.Members.Count(m => m.Status == MemberStatus.Up) == count),
        () => Describe(nodes));

    [Fact]
    public async Task Nodes_join_through_the_seed_all_become_Up_and_the_coordinator_leads()
    {
        await using var coordinator = await fixture.StartAsync("coordinator", NodeRole.Coordinator, []);
        await coordinator.Cluster.WhenUp.WaitAsync(Eventually.Timeout);
        await using var keyManager = await fixture.StartAsync("key-manager", NodeRole.KeyManager, [coordinator.Address]);
        await using var client = await fixture.StartAsync("client-1", NodeRole.Client, [coordinator.Address]);

        await Task.WhenAll(keyManager.Cluster.WhenUp, client.Cluster.WhenUp).WaitAsync(Eventually.Timeout);
        await AllUp(3, coordinator, keyManager, client);

        foreach (var node in new[] { coordinator, keyManager, client })
        {
            Assert.Equal(coordinator.Address, node.Cluster.State.Leader);
            Assert.Equal([NodeRole.Client], node.Cluster.State.MembersWith(NodeRole.Client).Single().Roles);
            Assert.Equal(client.Remoting.Uid, node.Cluster.State.MembersWith(NodeRole.Client).Single().UniqueAddress.Uid);
        }
        var coordinatorEvents = coordinator.Events.All;
        Assert.IsType<CurrentClusterState>(coordinatorEvents[0]);
        Assert.Contains(coordinatorEvents, e => e is MemberJoined j && j.Member.Address.Equals(client.Address));
        Assert.Contains(coordinatorEvents, e => e is MemberUp u && u.Member.Address.Equals(client.Address));
        foreach (var node in new[] { coordinator, keyManager, client })
        {
            // The leader as the events tell it: the initial state's, replaced by each LeaderChanged.
            var leader = node.Events.All.Aggregate((Actors.Core.Address?)null, (current, e) => e switch
            {
                CurrentClusterState state => state.Leader,
                LeaderChanged changed => changed.Leader,
                _ => current,
            });
            Assert.Equal(coordinator.Address, leader);
        }
        Assert.Equal(client.Cluster.SelfUniqueAddress, client.Cluster.SelfMember?.UniqueAddress);
    }

    [Fact]
    public async Task A_leaving_member_goes_through_Leaving_and_Exiting_and_is_Removed_everywhere()
    {
        await using var coordinator = await fixture.StartAsync("coordinator", NodeRole.Coordinator, []);
        await using var client1 = await fixture.StartAsync("client-1", NodeRole.Client, [coordinator.Address]);
        await using var client2 = await fixture.StartAsync("client-2", NodeRole.Client, [coordinator.Address]);
        await AllUp(3, coordinator, client1, client2);

        await client2.Cluster.LeaveAsync().WaitAsync(Eventually.Timeout);

        await Eventually.True(
            () => new[] { coordinator, client1 }.All(n => n.Cluster.State.Members.Count == 2 && n.Cluster.State.Members.All(m => m.Status == MemberStatus.Up)),
            () => Describe(coordinator, client1));
        var seen = coordinator.Events.All.OfType<IClusterDomainEvent>()
            .Where(e => e is MemberLeft or MemberExited or MemberRemoved)
            .Select(e => e.GetType().Name)
            .ToList();
        Assert.Equal(["MemberLeft", "MemberExited", "MemberRemoved"], seen);
        Assert.Equal(MemberStatus.Exiting, coordinator.Events.OfType<MemberRemoved>().Single().PreviousStatus);
        Assert.Contains(client2.Events.All, e => e is MemberRemoved r && r.Member.UniqueAddress.Equals(client2.Cluster.SelfUniqueAddress));
        Assert.Empty(client2.Cluster.State.Members);
        await Eventually.True(() => coordinator.Remoting.IsQuarantined(client2.Remoting.Uid), () => "the removed incarnation is not quarantined");
    }

    [Fact]
    public async Task A_killed_member_is_unreachable_then_downed_by_the_coordinator_removed_and_quarantined()
    {
        await using var coordinator = await fixture.StartAsync("coordinator", NodeRole.Coordinator, []);
        await using var client1 = await fixture.StartAsync("client-1", NodeRole.Client, [coordinator.Address]);
        var client2 = await fixture.StartAsync("client-2", NodeRole.Client, [coordinator.Address]);
        await AllUp(3, coordinator, client1, client2);
        var killed = client2.Cluster.SelfUniqueAddress;

        await client2.DisposeAsync();

        await Eventually.True(
            () => coordinator.Cluster.State.Members.All(m => !m.UniqueAddress.Equals(killed)) && client1.Cluster.State.Members.Count == 2,
            () => Describe(coordinator, client1));
        var sequence = coordinator.Events.All
            .Where(e => e is UnreachableMember u && u.Member.UniqueAddress.Equals(killed) || e is MemberRemoved r && r.Member.UniqueAddress.Equals(killed))
            .ToList();
        Assert.IsType<UnreachableMember>(sequence[0]);
        Assert.Equal(MemberStatus.Down, Assert.IsType<MemberRemoved>(sequence[^1]).PreviousStatus);
        Assert.True(coordinator.Remoting.IsQuarantined(killed.Uid));
        Assert.True(coordinator.Log.Contains($"downing {killed}"), Describe(coordinator));
        // client-1 learned of the unreachability through gossip, not from its own detector (it monitors only the leader).
        Assert.Contains(client1.Events.All, e => e is UnreachableMember u && u.Member.UniqueAddress.Equals(killed));
    }

    [Fact]
    public async Task A_restarted_node_rejoins_with_a_new_UID_and_its_old_incarnation_is_removed()
    {
        await using var coordinator = await fixture.StartAsync("coordinator", NodeRole.Coordinator, []);
        var first = await fixture.StartAsync("client-1", NodeRole.Client, [coordinator.Address]);
        await AllUp(2, coordinator, first);
        var port = first.Address.Port!.Value;
        var old = first.Cluster.SelfUniqueAddress;

        await first.DisposeAsync();
        await using var second = await fixture.StartAsync("client-1", NodeRole.Client, [coordinator.Address], port: port);

        await second.Cluster.WhenUp.WaitAsync(Eventually.Timeout);
        await Eventually.True(
            () => coordinator.Cluster.State.Members.Count == 2 && coordinator.Cluster.State.Members.All(m => m.Status == MemberStatus.Up),
            () => Describe(coordinator, second));
        Assert.Equal(old.Address, second.Cluster.SelfUniqueAddress.Address);
        Assert.NotEqual(old.Uid, second.Cluster.SelfUniqueAddress.Uid);
        Assert.Contains(coordinator.Cluster.State.Members, m => m.UniqueAddress.Equals(second.Cluster.SelfUniqueAddress));
        Assert.Contains(coordinator.Events.All, e => e is MemberRemoved r && r.Member.UniqueAddress.Equals(old));
        Assert.True(coordinator.Remoting.IsQuarantined(old.Uid));
    }

    [Fact]
    public async Task Clients_do_not_down_each_other_while_the_coordinator_is_unreachable()
    {
        var coordinator = await fixture.StartAsync("coordinator", NodeRole.Coordinator, []);
        await using var client1 = await fixture.StartAsync("client-1", NodeRole.Client, [coordinator.Address]);
        await using var client2 = await fixture.StartAsync("client-2", NodeRole.Client, [coordinator.Address]);
        await AllUp(3, coordinator, client1, client2);
        var coordinatorId = coordinator.Cluster.SelfUniqueAddress;

        await coordinator.DisposeAsync();
        await Eventually.True(
            () => client1.Cluster.State.IsUnreachable(coordinatorId) && client2.Cluster.State.IsUnreachable(coordinatorId),
            () => Describe(client1, client2));
        // Longer than down-unreachable-after (3 s) plus a few gossip ticks: a downing client would have acted by now.
        await Task.Delay(TimeSpan.FromSeconds(4));

        foreach (var client in new[] { client1, client2 })
        {
            Assert.Equal(3, client.Cluster.State.Members.Count);
            Assert.All(client.Cluster.State.Members, m => Assert.Equal(MemberStatus.Up, m.Status));
            Assert.Equal(coordinatorId.Address, client.Cluster.State.Leader);
            Assert.False(client.Log.Contains("downing"), Describe(client));
        }
    }

    [Fact]
    public async Task A_restarted_coordinator_rejoins_through_a_second_seed_and_leads_again()
    {
        var coordinatorPort = FedactorsProcess.FreePort();
        var keyManagerPort = FedactorsProcess.FreePort();
        var seeds = new[] { Seed(coordinatorPort), Seed(keyManagerPort) };
        var first = await fixture.StartAsync("coordinator", NodeRole.Coordinator, seeds, port: coordinatorPort);
        await using var keyManager = await fixture.StartAsync("key-manager", NodeRole.KeyManager, seeds, port: keyManagerPort);
        await using var client = await fixture.StartAsync("client-1", NodeRole.Client, [seeds[0]]);
        await AllUp(3, first, keyManager, client);
        var old = first.Cluster.SelfUniqueAddress;

        await first.DisposeAsync();
        await using var second = await fixture.StartAsync("coordinator", NodeRole.Coordinator, seeds, port: coordinatorPort);

        await second.Cluster.WhenUp.WaitAsync(Eventually.Timeout);
        await AllUp(3, second, keyManager, client);
        await Eventually.True(
            () => new[] { second, keyManager, client }.All(n => n.Cluster.State.Members.All(m => !m.UniqueAddress.Equals(old))),
            () => Describe(second, keyManager, client));
        foreach (var node in new[] { second, keyManager, client })
        {
            Assert.Equal(seeds[0], node.Cluster.State.Leader);
            Assert.Equal(second.Cluster.SelfUniqueAddress, node.Cluster.State.MembersWith(NodeRole.Coordinator).Single().UniqueAddress);
        }
        Assert.Contains(client.Events.All, e => e is MemberRemoved r && r.Member.UniqueAddress.Equals(old) && r.PreviousStatus == MemberStatus.Down);
        Assert.True(second.Log.Contains($"joined through {seeds[1]}"), Describe(second));
    }

    private static Actors.Core.Address Seed(int port) => new(Actors.Core.Address.DefaultProtocol, "fed", "127.0.0.1", port);


    [Fact]
    public async Task A_node_not_on_the_roster_cannot_join_and_the_refusal_names_its_certificate_fingerprint()
    {
        await using var coordinator = await fixture.StartAsync("coordinator", NodeRole.Coordinator, []);
        await coordinator.Cluster.WhenUp.WaitAsync(Eventually.Timeout);
        // The outsider trusts the coordinator, but the federation roster does not list the outsider.
        var ownRoster = fixture.Roster.Add(new RosterEntry("outsider", NodeRole.Client, fixture.FingerprintOf("outsider")));
        await using var outsider = await fixture.StartAsync("outsider", NodeRole.Client, [coordinator.Address], ownRoster);
        var fingerprint = fixture.FingerprintOf("outsider").ToString();

        await Eventually.True(() => coordinator.Log.Contains($"fingerprint {fingerprint}: not on the roster"), () => Describe(coordinator));

        Assert.False(outsider.Cluster.WhenUp.IsCompleted);
        Assert.DoesNotContain(coordinator.Cluster.State.Members, m => m.Address.Equals(outsider.Address));
        Assert.Single(coordinator.Cluster.State.Members);
    }

    [Fact]
    public async Task A_seed_refuses_a_join_claiming_a_role_the_roster_does_not_give_the_certificate()
    {
        await using var coordinator = await fixture.StartAsync("coordinator", NodeRole.Coordinator, []);
        await coordinator.Cluster.WhenUp.WaitAsync(Eventually.Timeout);
        // client-3's own (tampered) roster says coordinator; the federation's says client.
        var tampered = fixture.Roster.Remove("client-3").Add(new RosterEntry("client-3", NodeRole.Coordinator, fixture.FingerprintOf("client-3")));
        await using var impostor = await fixture.StartAsync("client-3", NodeRole.Coordinator, [coordinator.Address], tampered);

        var refused = await Assert.ThrowsAsync<ClusterException>(() => impostor.Cluster.WhenUp.WaitAsync(Eventually.Timeout));

        var fingerprint = fixture.FingerprintOf("client-3").ToString();
        Assert.Contains($"fingerprint {fingerprint} claims role coordinator but the roster admits it as client", refused.Message);
        Assert.True(coordinator.Log.Contains($"fingerprint {fingerprint} claims role coordinator"), Describe(coordinator));
        Assert.Single(coordinator.Cluster.State.Members);
    }

    [Fact]
    public async Task Start_refuses_a_role_the_roster_does_not_admit_the_node_certificate_with()
    {
        var error = await Assert.ThrowsAsync<ClusterException>(() => fixture.StartAsync("client-4", NodeRole.KeyManager, []));
        Assert.Contains("fedactors.cluster.roles", error.Message);
        Assert.Contains($"fingerprint {fixture.FingerprintOf("client-4")} claims role key-manager but the roster admits it as client", error.Message);
    }
}
