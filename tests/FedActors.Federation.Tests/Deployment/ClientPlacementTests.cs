using FedActors.Crypto.Envelope;
using FedActors.Federation.Coordinator;
using FedActors.Federation.Deployment;
using FedActors.Federation.Journal;

namespace FedActors.Federation.Tests.Deployment;

public sealed class ClientPlacementTests
{
    private static HostJoined Catalog(string name, int index) => new() { NodeName = name, ClientIndex = index };

    private static HostJoined Own(string name) => new() { NodeName = name, ClientIndex = -1, OwnData = true };

    private static readonly IReadOnlyDictionary<int, string> NewRun = new Dictionary<int, string>();

    [Fact]
    public void Catalog_nodes_take_their_partition_index_and_a_second_claim_of_an_index_is_unused()
    {
        var placed = ClientPlacement.Place(3, [Catalog("a", 2), Catalog("b", 0), Catalog("c", 2), Catalog("d", 1)], NewRun);

        Assert.Equal([2, 0, ClientPlacement.Unused, 1], placed);
    }

    [Fact]
    public void Nodes_with_their_own_data_take_the_indices_catalog_nodes_leave_in_the_order_of_their_names()
    {
        var placed = ClientPlacement.Place(5, [Own("site-c"), Catalog("x", 1), Own("site-a"), Own("site-b"), Catalog("y", 3)], NewRun);

        Assert.Equal([4, 1, 0, 2, 3], placed);
    }

    [Fact]
    public void The_placement_does_not_depend_on_the_order_the_nodes_answered_in()
    {
        var forward = ClientPlacement.Place(3, [Own("site-a"), Own("site-b"), Own("site-c")], NewRun);
        var backward = ClientPlacement.Place(3, [Own("site-c"), Own("site-b"), Own("site-a")], NewRun);

        Assert.Equal([0, 1, 2], forward);
        Assert.Equal([2, 1, 0], backward);
    }

    [Fact]
    public void Own_data_nodes_beyond_the_free_indices_are_unused()
    {
        var placed = ClientPlacement.Place(2, [Own("b"), Catalog("x", 0), Own("a")], NewRun);

        Assert.Equal([ClientPlacement.Unused, 0, 1], placed);
    }

    [Fact]
    public void A_resumed_run_gives_each_journaled_site_its_index_again_and_newcomers_the_rest()
    {
        // The run started with site-b at 0 and site-z at 2; site-a is new, so it must not push site-b off index 0.
        var journaled = new Dictionary<int, string> { [0] = "site-b", [2] = "site-z" };

        var placed = ClientPlacement.Place(4, [Own("site-a"), Own("site-b"), Own("site-z"), Catalog("x", 1)], journaled);

        Assert.Equal([3, 0, 2, 1], placed);
    }

    [Fact]
    public void A_journaled_sites_index_is_kept_free_when_the_site_is_absent()
    {
        var journaled = new Dictionary<int, string> { [0] = "site-b" };

        var placed = ClientPlacement.Place(2, [Own("site-a"), Catalog("x", 0)], journaled);

        // Neither a newcomer nor a catalog node trains at index 0 on other data than the run did: it stays missing.
        Assert.Equal([1, ClientPlacement.Unused], placed);
    }

    [Fact]
    public void The_journaled_sites_are_read_from_the_last_roster_of_the_run()
    {
        using var key = EcKeyPair.Generate();
        var keys = new Dictionary<string, EcPublicKey> { [CoordinatorActor.ClientId(0)] = key.PublicKey, [CoordinatorActor.ClientId(1)] = key.PublicKey };
        var started = new RunStarted();
        started.Roster.Add(CoordinatorActor.RosterEntries(keys, new Dictionary<string, string> { [CoordinatorActor.ClientId(0)] = "old-site" }));
        var resumed = new RunResumed();
        resumed.Roster.Add(CoordinatorActor.RosterEntries(keys, new Dictionary<string, string> { [CoordinatorActor.ClientId(1)] = "site-b" }));

        Assert.Empty(ClientPlacement.Journaled(null, 2));
        Assert.Equal(new Dictionary<int, string> { [0] = "old-site" }, ClientPlacement.Journaled(new JournaledRun(started, [], [], null), 2));
        Assert.Equal(new Dictionary<int, string> { [1] = "site-b" }, ClientPlacement.Journaled(new JournaledRun(started, [resumed], [], null), 2));
    }

    [Fact]
    public void The_journaled_roster_names_the_data_node_of_own_data_clients_only()
    {
        using var key = EcKeyPair.Generate();
        var keys = new Dictionary<string, EcPublicKey> { [CoordinatorActor.ClientId(1)] = key.PublicKey, [CoordinatorActor.ClientId(0)] = key.PublicKey };

        var entries = CoordinatorActor.RosterEntries(keys, new Dictionary<string, string> { [CoordinatorActor.ClientId(1)] = "site-b" });

        Assert.Equal([CoordinatorActor.ClientId(0), CoordinatorActor.ClientId(1)], entries.Select(e => e.ClientId));
        Assert.Equal(["", "site-b"], entries.Select(e => e.DataNode));
        Assert.All(CoordinatorActor.RosterEntries(keys), e => Assert.Empty(e.DataNode));
    }
}
