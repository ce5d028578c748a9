using FedActors.Federation.Client.Adversaries;
using FedActors.Federation.Protocol;
using FedActors.Federation.Scenarios;
using FedActors.Federation.Simulation;
using FedActors.Learning;
using FedActors.Learning.Data;
using FedActors.Learning.Models;
using FedActors.Learning.Training;
using Google.Protobuf;

namespace FedActors.Federation.Tests.Adversaries;

/// <summary>The hooks of single adversaries, on hand-made rounds (no actors).</summary>
public sealed class AdversaryBehaviourTests : IDisposable
{
    private static readonly AttackClients One = new(1, null, null);
    private static readonly AttackWindow Always = new([], 1, 0);
    private readonly TrainerPool _pool = new(1, new LearningSettings().CreateGemm());
    private readonly SimulationNode _node;

    public AdversaryBehaviourTests()
    {
        var data = FedProxSynthetic.Generate(1, 1, 3, 3);
        var spec = ModelSpec.Named("logreg", data.Train.SampleShape, data.Train.Classes);
        _node = new SimulationNode(data, data.NaturalPartition!, spec, _pool, new TrainingOptions(), spec.InitializeParameters(3));
    }

    private AdversaryRound Round(int round, GlobalModel? global = null) => new(
        new TrainRequest { Round = new RoundId { RunId = "r", Round = (uint)round, Nonce = ByteString.CopyFrom(new byte[16]) }, DeadlineUnixMs = long.MaxValue / 2 },
        0, _node, global ?? _node.Global);

    private static float[] Ones(int n) => Enumerable.Repeat(1f, n).ToArray();

    [Fact]
    public async Task Sign_flip_negates_and_scales_only_inside_its_window()
    {
        var adversary = new SignFlipAdversary(new SignFlipAttack(One, new AttackWindow([2], 1, 0), 3), rounds: 3);
        var outside = Ones(4);
        var inside = Ones(4);
        await adversary.ForgeUpdateAsync(Round(1), outside, 10);
        await adversary.ForgeUpdateAsync(Round(2), inside, 10);
        Assert.Equal(Ones(4), outside);
        Assert.Equal(Enumerable.Repeat(-3f, 4), inside);
    }

    [Fact]
    public async Task Free_rider_modes_send_zero_stale_decaying_noise_or_the_last_global_change_and_claim_their_count()
    {
        FreeRiderAdversary Rider(string mode) => new(new FreeRiderAttack(One, Always, mode, Sigma: 1, Gamma: 1, ClaimedSamples: 500), rounds: 9, seed: 1);
        var n = _node.Spec.ParameterCount;

        var zero = Ones(n);
        Assert.Equal(500, await Rider("zero").ForgeUpdateAsync(Round(1), zero, 10));
        Assert.All(zero, v => Assert.Equal(0f, v));

        var stale = Rider("stale");
        var first = Ones(n);
        await stale.ForgeUpdateAsync(Round(1), first, 10);
        var second = Ones(n);
        await stale.ForgeUpdateAsync(Round(2), second, 10);
        Assert.Equal(first, second);

        double Std(float[] v) => Math.Sqrt(v.Average(x => (double)x * x));
        var noise = Rider("noise");
        var early = new float[n];
        var late = new float[n];
        await noise.ForgeUpdateAsync(Round(1), early, 10);
        await noise.ForgeUpdateAsync(Round(8), late, 10);
        Assert.InRange(Std(early) / Std(late), 4, 16);

        var copy = Rider("global-copy");
        var before = _node.Global;
        await copy.ForgeUpdateAsync(Round(1, before), new float[n], 10);
        var after = new GlobalModel(before.Parameters.Select(p => p + 0.5f).ToArray(), []);
        var change = new float[n];
        await copy.ForgeUpdateAsync(Round(2, after), change, 10);
        Assert.All(change, v => Assert.Equal(0.5f, v, 1e-5f));
    }

    [Fact]
    public void Availability_attacks_drop_delay_or_stop_the_contribution()
    {
        var contribution = new PlaintextContribution { ClientId = "client-0000" };
        var dropout = new AvailabilityAdversary(new AvailabilityAttack("dropout", One, Always, 1, TimeSpan.Zero, 1), 5, 1);
        var straggler = new AvailabilityAdversary(new AvailabilityAttack("straggler", One, Always, 1, TimeSpan.FromSeconds(7), 1), 5, 1);
        var crash = new AvailabilityAdversary(new AvailabilityAttack("crash", One, Always, 0, TimeSpan.Zero, 3), 5, 1);
        Assert.Empty(dropout.Deliver(Round(1), contribution));
        Assert.Equal(TimeSpan.FromSeconds(7), Assert.Single(straggler.Deliver(Round(1), contribution)).Delay);
        Assert.Single(crash.Deliver(Round(2), contribution));
        Assert.Empty(crash.Deliver(Round(3), contribution));
        Assert.True(crash.PlanTraining(Round(4), new TrainingPlan(new TrainingOptions())).Skip);
    }

    [Fact]
    public void In_secure_sum_mode_the_same_draws_are_the_clients_presence_absent_late_or_stopped()
    {
        var dropout = new AvailabilityAdversary(new AvailabilityAttack("dropout", One, new AttackWindow([2], 1, 0), 1, TimeSpan.Zero, 1), 5, 1);
        var straggler = new AvailabilityAdversary(new AvailabilityAttack("straggler", One, Always, 1, TimeSpan.FromSeconds(7), 1), 5, 1);
        var crash = new AvailabilityAdversary(new AvailabilityAttack("crash", One, Always, 0, TimeSpan.Zero, 3), 5, 1);
        Assert.Equal(Presence.OnTime, dropout.PresenceIn(1));
        Assert.Equal(Presence.Absent, dropout.PresenceIn(2));
        Assert.Equal(Presence.Late(TimeSpan.FromSeconds(7)), straggler.PresenceIn(1));
        Assert.Equal(Presence.OnTime, crash.PresenceIn(2));
        Assert.Equal([true, true, true], new[] { 3, 4, 5 }.Select(r => crash.PresenceIn(r).Stops));
        Assert.Equal(Presence.OnTime, new SignFlipAdversary(new SignFlipAttack(One, Always, 1), 5).PresenceIn(1));
    }

    [Fact]
    public void Replaying_own_previous_sends_the_contribution_from_round_offset_rounds_back_instead()
    {
        var replay = new ReplayAdversary(new ReplayAttack(One, new AttackWindow([], 3, 0), "own-previous", null, 2), 5, "client-0000", null, TimeProvider.System);
        var sent = Enumerable.Range(1, 4).Select(r => new PlaintextContribution { ClientId = $"round-{r}" }).ToArray();
        Assert.Same(sent[0], Assert.Single(replay.Deliver(Round(1), sent[0])).Contribution);
        Assert.Same(sent[1], Assert.Single(replay.Deliver(Round(2), sent[1])).Contribution);
        Assert.Same(sent[0], Assert.Single(replay.Deliver(Round(3), sent[2])).Contribution);
        Assert.Same(sent[1], Assert.Single(replay.Deliver(Round(4), sent[3])).Contribution);
    }

    [Theory]
    [InlineData(50, 12, 0.583)]
    [InlineData(10, 2, 0.253)]
    public void Alie_default_z_follows_the_papers_formula(int clients, int attackers, double expected) =>
        Assert.Equal(expected, AlieAdversary.DefaultZ(clients, attackers), 2);

    [Fact]
    public void Coalition_moments_are_the_per_coordinate_mean_and_population_deviation()
    {
        var (mean, std) = Coalition.Moments([[1f, 0f], [3f, 0f]]);
        Assert.Equal([2f, 0f], mean);
        Assert.Equal([1f, 0f], std);
    }

    public void Dispose() => _pool.Dispose();
}
