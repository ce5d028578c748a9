using FedActors.Actors.Core;
using FedActors.Configuration;
using FedActors.Federation.Journal;
using FedActors.Federation.Tests.Journal;
using FedActors.Federation.KeyManager;
using FedActors.Federation.Metrics;
using FedActors.Federation.Scenarios;
using FedActors.Federation.Simulation;
using FedActors.Learning;

namespace FedActors.Federation.Tests.Secure;

/// <summary>Whole secure-sum runs through the actors (KeyManager, Coordinator, clients), messages serialized.</summary>
public sealed class SecureSumRunTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"fedactors-secure-{Guid.NewGuid():N}");

    private Scenario Tiny(string aggregation = "secure-sum", string extra = "") => ScenarioLoader.FromConfig(
        ConfigFactory.ParseString(
            $$"""
            scenario {
              name = tiny-secure
              seed = 7
              rounds = 2
              data { set = synthetic }
              model { type = logreg }
              training { local-epochs = 1, batch-size = 10, learning-rate = 0.05 }
              federation { clients = 5, clients-per-round = 5, min-contributions = 3, aggregation = {{aggregation}}, round-timeout = 60s, clip-norm = 5.0 }
              crypto { committee-size = 4, threshold = 3, deterministic-randomness = on }
              metrics { decryption-error = {{(aggregation == "secure-sum" ? "on" : "off")}} }
              output { dir = "{{_directory.Replace("\\", "/", StringComparison.Ordinal)}}", report = none }
              {{extra}}
            }
            """,
            "tiny-secure.conf").WithFallback(ConfigFactory.Reference)).Base;

    private static ScenarioRunner Runner(Action<GlobalModel>? finalModel = null, Action<int, IReadOnlyList<IActorRef>>? afterRound = null, Action<SimulationNode>? finalNode = null) => new(
        ConfigFactory.ParseString("fedactors.actor.serialize-messages = on").WithFallback(ConfigFactory.Reference),
        new LearningSettings(trainerWorkers: 2),
        TimeProvider.System)
    {
        FinalModelObserver = finalModel,
        AfterSecureRound = afterRound,
        FinalNodeObserver = finalNode,
    };

    [Fact]
    public async Task A_secure_sum_run_reaches_the_model_of_the_plaintext_mean_run_of_the_same_seed_within_ckks_precision()
    {
        GlobalModel? secureModel = null;
        GlobalModel? plainModel = null;
        SimulationNode? node = null;
        var secure = await Runner(m => secureModel = m, finalNode: n => node = n).RunAsync(Tiny(), variant: null);
        await Runner(m => plainModel = m).RunAsync(Tiny("mean"), variant: null);

        Assert.All(secure.Rounds, r =>
        {
            Assert.Equal(RoundStatus.Completed, r.Status);
            Assert.Equal(5, r.Contributions.Accepted);
            Assert.True(r.DecryptionError!.MaxAbsolute < 1e-6, $"decryption error {r.DecryptionError.MaxAbsolute}");
            Assert.True(r.Bytes.Clients.Sent > 0 && r.Bytes.Coordinator.Sent > 0, "secure rounds count their bytes");
        });
        Assert.True(secure.Rounds[0].Bytes.KeyManager.Sent > 0, "the first round carries the key ceremony's bytes");
        // The t = 3 key holders of the one simulated node receive serialized copies of each request and check it once per round.
        Assert.Equal(secure.Rounds.Count, node!.Verifications);
        Assert.Equal(secure.Rounds[^1].ModelHash, secure.Run.FinalModelHash);
        Assert.NotNull(secure.Rounds[^1].TestAccuracy);
        var difference = secureModel!.Parameters.Zip(plainModel!.Parameters, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(difference < 1e-4, $"largest parameter difference {difference}");
        Assert.True(secureModel.Parameters.Zip(plainModel.Parameters).Any(p => p.First != p.Second), "the secure model went through CKKS, not through the plaintext path");
    }

    [Fact]
    public async Task The_journal_of_a_secure_run_verifies_with_every_contribution_signature_and_stored_ciphertext()
    {
        var metrics = await Runner().RunAsync(Tiny(extra: "persistence.store-ciphertexts = on"), variant: null);

        var settings = RecordedRun.StoreSettings(_directory);
        await using var journal = RunStore.OpenJournal(JournalSettings.Default, settings, TimeProvider.System);
        var verified = await RunVerifier.VerifyAsync(journal, journal, RunStore.ReadRunId(_directory), new BlobStore(_directory),
            (id, n) => RunStore.ManifestAtAsync(JournalSettings.Default, settings, id, n));

        var accepted = metrics.Rounds.Sum(r => r.Contributions.Accepted);
        Assert.Equal(accepted, verified.Signatures);
        Assert.Equal(accepted, verified.Blobs);
    }

    [Fact]
    public async Task Deterministic_randomness_makes_two_secure_runs_bit_for_bit_identical()
    {
        var first = await Runner().RunAsync(Tiny(), variant: null);
        var again = await Runner().RunAsync(Tiny(), variant: null);
        Assert.Equal(first.Run.FinalModelHash, again.Run.FinalModelHash);
        Assert.Equal(first.Rounds.Select(r => r.ModelHash), again.Rounds.Select(r => r.ModelHash));
    }

    [Fact]
    public async Task Rotation_every_round_keys_a_new_epoch_before_each_round()
    {
        var rotating = await Runner().RunAsync(Tiny(extra: "crypto.rotate-every = 1, rounds = 3"), variant: null);
        var fixedKeys = await Runner().RunAsync(Tiny(extra: "rounds = 3"), variant: null);
        Assert.All(rotating.Rounds, r => Assert.Equal(RoundStatus.Completed, r.Status));
        Assert.All(rotating.Rounds, r => Assert.True(r.Bytes.KeyManager.Sent > 0, $"round {r.Round} ran without a fresh ceremony"));
        Assert.All(fixedKeys.Rounds.Skip(1), r => Assert.Equal(0, r.Bytes.KeyManager.Sent));
        // Fresh keys re-randomize every ciphertext and flooding, so the models differ in their last bits.
        Assert.NotEqual(rotating.Run.FinalModelHash, fixedKeys.Run.FinalModelHash);
    }

    [Fact]
    public async Task A_dead_key_holder_is_left_out_and_the_next_round_is_decrypted_by_another_t_subset()
    {
        // Committee of all 5 clients, t = 3, no spare: losing party 1 leaves 4 live holders, no rotation needed.
        var committee = CommitteeSelection.Choose(7, 1, 5, 5, new HashSet<int>());
        var metrics = await Runner(afterRound: (round, clients) =>
        {
            if (round == 1)
            {
                clients[committee[0]].Tell(PoisonPill.Instance);
            }
        }).RunAsync(Tiny(extra: "crypto { committee-size = 5, spare-holders = 0 }, federation.round-timeout = 8s"), variant: null);

        Assert.Equal(RoundStatus.Completed, metrics.Rounds[0].Status);
        Assert.Equal(RoundStatus.Completed, metrics.Rounds[1].Status);
        Assert.Equal(4, metrics.Rounds[1].Contributions.Accepted);
        Assert.Equal(0, metrics.Rounds[1].Bytes.KeyManager.Sent);
    }

    [Fact]
    public async Task Losing_key_holders_below_the_threshold_fails_the_remaining_rounds_cleanly()
    {
        // Three clients all on the committee with t = 3: after one dies no committee can be keyed again.
        var committee = CommitteeSelection.Choose(7, 1, 3, 3, new HashSet<int>());
        var metrics = await Runner(afterRound: (round, clients) =>
        {
            if (round == 1)
            {
                clients[committee[0]].Tell(PoisonPill.Instance);
            }
        }).RunAsync(Tiny(extra: "federation { clients = 3, clients-per-round = 3, min-contributions = 2, round-timeout = 8s }, crypto { committee-size = 3, threshold = 3, spare-holders = 0 }, rounds = 3"), variant: null);

        Assert.Equal(3, metrics.Rounds.Count);
        Assert.Equal(RoundStatus.Completed, metrics.Rounds[0].Status);
        Assert.All(metrics.Rounds.Skip(1), r =>
        {
            Assert.Equal(RoundStatus.Failed, r.Status);
            Assert.Contains("threshold", r.FailureReason, StringComparison.Ordinal);
        });
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
