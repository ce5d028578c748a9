using FedActors.Federation.Client.Adversaries;
using FedActors.Federation.Simulation;

namespace FedActors.Federation.Tests.Adversaries;

public sealed class AttackerAssignmentTests
{
    private static AttackerAssignment Assign(string attacks, int clients = 10) =>
        AttackerAssignment.Create(TinyFederation.Synthetic("unused", $"attacks = [{attacks}]", clients), 10, i => (ulong)i, TimeProvider.System);

    private static int[] Attackers(AttackerAssignment assignment) => assignment.Attacks.Keys.Order().ToArray();

    [Fact]
    public void Counts_percentages_and_explicit_ids_choose_disjoint_attackers_and_the_same_seed_chooses_the_same()
    {
        const string Attacks = "{ type = sign-flip, clients = 2 }, { type = gaussian, clients = 30% }, { type = label-flip, clients = [4, 9] }";
        var first = Assign(Attacks);
        Assert.Equal(7, first.Attacks.Count);
        Assert.Equal(2, first.Attacks.Values.Count(a => a.Type == "sign-flip"));
        Assert.Equal(3, first.Attacks.Values.Count(a => a.Type == "gaussian"));
        Assert.Equal("label-flip", first.Attacks[4].Type);
        Assert.Equal("label-flip", first.Attacks[9].Type);
        Assert.IsType<LabelFlipAdversary>(first.For(4));
        Assert.Equal(Attackers(first), Attackers(Assign(Attacks)));
        Assert.Equal(first.Attacks.Select(p => (p.Key, p.Value.Type)).Order(), Assign(Attacks).Attacks.Select(p => (p.Key, p.Value.Type)).Order());
    }

    [Fact]
    public void Clients_without_an_attack_are_honest_and_no_eavesdropper_exists_without_copy_other()
    {
        var assignment = Assign("{ type = sign-flip, clients = [3] }");
        Assert.Null(assignment.For(2));
        Assert.Null(assignment.Eavesdropper);
        Assert.NotNull(Assign("{ type = replay, clients = 1, mode = copy-other }").Eavesdropper);
    }

    [Fact]
    public void A_sybil_attacker_controls_count_identities_that_all_carry_out_its_with_attack()
    {
        var assignment = Assign("{ type = sybil, clients = [2], count = 3, with = alie }");
        Assert.Equal([2, 3, 4], Attackers(assignment));
        Assert.All(Attackers(assignment), i => Assert.IsType<AlieAdversary>(assignment.For(i)));
    }

    [Fact]
    public void Two_attacks_naming_the_same_client_are_refused_with_the_attack_position()
    {
        var error = Assert.Throws<ArgumentException>(() => Assign("{ type = sign-flip, clients = [1] }, { type = gaussian, clients = [1] }"));
        Assert.Contains("scenario.attacks.1.clients names client 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Availability_attacks_are_assigned_in_secure_sum_mode_with_their_presence_per_round()
    {
        var scenario = TinyFederation.Synthetic("unused", "attacks = [{ type = crash, clients = [3], round = 2 }], federation.aggregation = secure-sum", clients: 10);
        var assignment = AttackerAssignment.Create(scenario, 10, i => (ulong)i, TimeProvider.System);
        var crash = Assert.IsType<AvailabilityAdversary>(assignment.For(3));
        Assert.Equal(Presence.OnTime, crash.PresenceIn(1));
        Assert.Equal(Presence.Crashed, crash.PresenceIn(2));
        Assert.Equal(Presence.Crashed, crash.PresenceIn(3));
    }

    [Fact]
    public void Attacks_needing_more_clients_than_are_free_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => Assign("{ type = sybil, clients = 2, count = 3 }, { type = gaussian, clients = 1 }", clients: 6));
        Assert.Contains("scenario.attacks.1 needs 1 attacking clients, but only 0 of 6", error.Message, StringComparison.Ordinal);
    }
}
