namespace FedActors.Federation.Tests.Adversaries;

/// <summary>Replays and availability attacks: the protocol rejects them by reason, or the round copes.</summary>
public sealed class ProtocolAttackTests
{
    // Attackers whose own contribution is never accepted keep a round open until its deadline, so these runs use short ones.
    private const string Short = "federation.round-timeout = 2s";

    [Fact]
    public async Task A_duplicate_is_accepted_once_and_rejected_once_as_duplicate_in_every_round()
    {
        var run = await TinyFederation.RunSyntheticAsync("attacks = [{ type = replay, clients = 1, mode = duplicate }]");
        Assert.Equal([6, 6, 6], AttackOutcome.Accepted(run));
        // The copy is rejected in every round, but when the original was the round's last awaited contribution the round
        // has closed (and reported its metrics) before the copy arrives, so that round's metrics cannot count it.
        Assert.All(AttackOutcome.Rejected(run, "duplicate"), n => Assert.InRange(n, 0, 1));
        Assert.InRange(AttackOutcome.Rejected(run, "duplicate").Sum(), 1, 3);
    }

    [Fact]
    public async Task Replaying_an_own_previous_contribution_is_rejected_as_late()
    {
        var run = await TinyFederation.RunSyntheticAsync($"attacks = [{{ type = replay, clients = 1, mode = own-previous, round-offset = 1 }}], {Short}");
        Assert.Equal([6, 5, 5], AttackOutcome.Accepted(run));
        Assert.Equal([0, 1, 1], AttackOutcome.Rejected(run, "late"));
    }

    [Fact]
    public async Task Copying_another_clients_update_under_its_own_signature_is_rejected_as_replay()
    {
        var run = await TinyFederation.RunSyntheticAsync($"attacks = [{{ type = replay, clients = 1, mode = copy-other }}], {Short}");
        Assert.Equal([5, 5, 5], AttackOutcome.Accepted(run));
        Assert.Equal([1, 1, 1], AttackOutcome.Rejected(run, "replay"));
    }

    [Fact]
    public async Task Dropouts_leave_the_round_to_the_others_and_stragglers_are_rejected_as_late()
    {
        var run = await TinyFederation.RunSyntheticAsync(
            $"attacks = [{{ type = dropout, clients = 1, probability = 1 }}, {{ type = straggler, clients = 1, probability = 1, delay = 3s }}], {Short}");
        Assert.Equal([4, 4, 4], AttackOutcome.Accepted(run));
        Assert.All(run.Rounds, r => Assert.Equal(FedActors.Federation.Metrics.RoundStatus.Completed, r.Status));
        Assert.Contains(AttackOutcome.Rejected(run, "late"), n => n > 0);
    }

    [Fact]
    public async Task A_client_that_crashes_at_round_two_never_answers_again()
    {
        var run = await TinyFederation.RunSyntheticAsync($"attacks = [{{ type = crash, clients = 1, round = 2 }}], {Short}");
        Assert.Equal([6, 5, 5], AttackOutcome.Accepted(run));
        Assert.All(run.Rounds, r => Assert.Equal(0, r.Contributions.RejectedTotal));
    }
}
