using FedActors.Configuration;
using FedActors.Federation.Coordinator;
using FedActors.Federation.Journal;
using FedActors.Federation.KeyManager;
using FedActors.Federation.Metrics;
using FedActors.Federation.Scenarios;
using FedActors.Federation.Simulation;
using FedActors.Federation.Tests.Journal;
using FedActors.Learning;

namespace FedActors.Federation.Tests.Secure;

/// <summary>
/// dropout, straggler and crash in whole secure-sum runs (messages serialized): 5 clients all selected, committee of 4,
/// t = 3, one spare holder, min-contributions = 3, and a 3 s deadline per phase (2 s flaked under load), which the attacked rounds wait out.
/// </summary>
public sealed class SecureAvailabilityRunTests : IDisposable
{
    private const int Seed = 7;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"fedactors-secure-faults-{Guid.NewGuid():N}");

    /// <summary>The committee of the first epoch (client indices, party id = position + 1).</summary>
    private static readonly IReadOnlyList<int> Committee = CommitteeSelection.Choose(Seed, 1, 5, 4, new HashSet<int>());

    private Scenario Tiny(string attacks, int rounds = 2) => ScenarioLoader.FromConfig(
        ConfigFactory.ParseString(
            $$"""
            scenario {
              name = tiny-faults
              seed = {{Seed}}
              rounds = {{rounds}}
              data { set = synthetic }
              model { type = logreg }
              training { local-epochs = 1, batch-size = 10, learning-rate = 0.05 }
              federation { clients = 5, clients-per-round = 5, min-contributions = 3, aggregation = secure-sum, round-timeout = 3s, clip-norm = 5.0 }
              crypto { committee-size = 4, threshold = 3, spare-holders = 1, deterministic-randomness = on }
              output { dir = "{{_directory.Replace("\\", "/", StringComparison.Ordinal)}}", report = none }
              attacks = [{{attacks}}]
            }
            """,
            "tiny-faults.conf").WithFallback(ConfigFactory.Reference)).Base;

    private static ScenarioRunner Runner() => new(
        ConfigFactory.ParseString("fedactors.actor.serialize-messages = on").WithFallback(ConfigFactory.Reference),
        new LearningSettings(trainerWorkers: 2),
        TimeProvider.System);

    [Fact]
    public async Task A_dropped_key_holder_fails_its_round_at_the_decryption_deadline_and_dropouts_below_min_contributions_fail_theirs()
    {
        // Round 1: party 1 neither contributes nor answers. Round 2 (epoch 2, whose committee is the 4 other clients):
        // three of them drop out, leaving two contributions, fewer than min-contributions = 3. Round 3: everyone is back.
        var metrics = await Runner().RunAsync(
            Tiny(
                $"{{ type = dropout, clients = [{Committee[0]}], probability = 1.0, rounds = [1] }}, " +
                $"{{ type = dropout, clients = [{Committee[1]}, {Committee[2]}, {Committee[3]}], probability = 1.0, rounds = [2] }}",
                rounds: 3),
            variant: null);

        Assert.True(metrics.Rounds[0].Status == RoundStatus.Failed, "round 1 completed");
        Assert.Contains($"key holders {CoordinatorActor.ClientId(Committee[0])} did not answer before the deadline", metrics.Rounds[0].FailureReason, StringComparison.Ordinal);
        Assert.Equal(4, metrics.Rounds[0].Contributions.Accepted);
        Assert.True(metrics.Rounds[1].Status == RoundStatus.Failed, "round 2 completed");
        Assert.Contains("min-contributions", metrics.Rounds[1].FailureReason, StringComparison.Ordinal);
        Assert.Equal(2, metrics.Rounds[1].Contributions.Accepted);
        Assert.True(metrics.Rounds[2].Status == RoundStatus.Completed, $"round 3 failed: {metrics.Rounds[2].FailureReason}");
        Assert.Equal(5, metrics.Rounds[2].Contributions.Accepted);
        Assert.Equal((1, 2), (metrics.Totals.RoundsCompleted, metrics.Totals.RoundsFailed));
        Assert.Equal([1u, 2u], await EpochsAsync());
    }

    [Fact]
    public async Task A_straggling_key_holder_is_late_its_share_is_ignored_and_the_next_round_completes_under_new_keys()
    {
        // Party 1 answers everything 4 s late: its contribution after the 3 s deadline, its share after the decryption phase's.
        var metrics = await Runner().RunAsync(Tiny($"{{ type = straggler, clients = [{Committee[0]}], probability = 1.0, delay = 4s }}"), variant: null);

        Assert.Equal(2, metrics.Rounds.Count);
        Assert.True(metrics.Rounds[0].Status == RoundStatus.Failed, "round 1 completed");
        Assert.Contains("did not answer before the deadline", metrics.Rounds[0].FailureReason, StringComparison.Ordinal);
        Assert.Equal(1, metrics.Rounds[0].Contributions.Rejected.GetValueOrDefault("late"));
        Assert.True(metrics.Rounds[1].Status == RoundStatus.Completed, $"round 2 failed: {metrics.Rounds[1].FailureReason}");
        Assert.Equal(4, metrics.Rounds[1].Contributions.Accepted);
        // Without the silent holder 3 of 4 members remain, fewer than t + spare-holders: round 2 runs under epoch 2.
        Assert.Equal([1u, 2u], await EpochsAsync());
    }

    [Fact]
    public async Task A_crash_of_more_than_committee_minus_t_key_holders_fails_the_round_cleanly_and_forces_a_rotation()
    {
        var metrics = await Runner().RunAsync(Tiny($"{{ type = crash, clients = [{Committee[0]}, {Committee[1]}], round = 1 }}"), variant: null);

        Assert.True(metrics.Rounds[0].Status == RoundStatus.Failed, "round 1 completed");
        Assert.Contains("fewer than the threshold", metrics.Rounds[0].FailureReason, StringComparison.Ordinal);
        Assert.Equal(3, metrics.Rounds[0].Contributions.Accepted);
        Assert.True(metrics.Rounds[1].Status == RoundStatus.Completed, $"round 2 failed: {metrics.Rounds[1].FailureReason}");
        Assert.Equal(3, metrics.Rounds[1].Contributions.Accepted);
        Assert.Equal([1u, 2u], await EpochsAsync());
    }

    /// <summary>The epochs the journal records as keyed, in order.</summary>
    private async Task<List<uint>> EpochsAsync()
    {
        await using var journal = RunStore.OpenJournal(JournalSettings.Default, RecordedRun.StoreSettings(_directory), TimeProvider.System);
        var epochs = new List<uint>();
        await foreach (var (_, e) in JournalEvents.ReadAsync(journal, CoordinatorActor.PersistenceIdOf(RunStore.ReadRunId(_directory))))
        {
            if (e is EpochKeyed keyed)
            {
                epochs.Add(keyed.Epoch);
            }
        }
        return epochs;
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
