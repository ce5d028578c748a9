using FedActors.Configuration;
using FedActors.Federation.Metrics;
using FedActors.Federation.Scenarios;
using FedActors.Federation.Simulation;
using FedActors.Learning;

namespace FedActors.Federation.Tests.Secure;

/// <summary>Attacks on ciphertexts (replays, colluding key holders) in whole secure-sum runs (messages serialized).</summary>
public sealed class SecureAttackRunTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"fedactors-secure-replay-{Guid.NewGuid():N}");

    private Scenario Run(string attacks, int rounds = 2, string roundTimeout = "60s") => ScenarioLoader.FromConfig(
        ConfigFactory.ParseString(
            $$"""
            scenario {
              name = secure-replay
              seed = 11
              rounds = {{rounds}}
              data { set = synthetic }
              model { type = logreg }
              training { local-epochs = 1, batch-size = 10, learning-rate = 0.05 }
              federation { clients = 5, clients-per-round = 5, min-contributions = 3, aggregation = secure-sum, round-timeout = {{roundTimeout}}, clip-norm = 5.0 }
              crypto { committee-size = 4, threshold = 3, deterministic-randomness = on }
              metrics { decryption-error = on }
              output { dir = "{{_directory.Replace("\\", "/", StringComparison.Ordinal)}}", report = html }
              attacks = [{{attacks}}]
            }
            """,
            "secure-replay.conf").WithFallback(ConfigFactory.Reference)).Base;

    private static ScenarioRunner Runner() => new(
        ConfigFactory.ParseString("fedactors.actor.serialize-messages = on").WithFallback(ConfigFactory.Reference),
        new LearningSettings(trainerWorkers: 2),
        TimeProvider.System);

    [Fact]
    public async Task Verbatim_and_own_previous_ciphertext_replays_are_rejected_as_replay_and_duplicates_as_duplicate()
    {
        // The replaying clients never contribute a valid ciphertext of their own, so each round closes at its deadline:
        // a short one (the five logreg clients train, encrypt and decrypt in well under a second each).
        var metrics = await Runner().RunAsync(
            Run(
                "{ type = replay, clients = [0], mode = copy-other, source-client = 1 }, { type = replay, clients = [2], mode = own-previous, round-offset = 1 }, { type = replay, clients = [3], mode = duplicate }",
                roundTimeout: "10s"),
            variant: null);

        Assert.All(metrics.Rounds, r => Assert.Equal(RoundStatus.Completed, r.Status));
        Assert.Equal(1, metrics.Rounds[0].Contributions.Rejected.GetValueOrDefault("replay"));
        Assert.Equal(2, metrics.Rounds[1].Contributions.Rejected.GetValueOrDefault("replay"));
        Assert.All(metrics.Rounds, r => Assert.Equal(1, r.Contributions.Rejected.GetValueOrDefault("duplicate")));
        Assert.All(metrics.Rounds, r => Assert.Equal(0, r.UndetectedReplays));
    }

    [Fact]
    public async Task A_rerandomized_copy_is_accepted_counts_the_copied_update_twice_and_is_reported_as_an_undetected_replay()
    {
        var metrics = await Runner().RunAsync(Run("{ type = replay, clients = [0], mode = rerandomized-copy, source-client = 1 }"), variant: null);

        Assert.All(metrics.Rounds, r =>
        {
            Assert.Equal(RoundStatus.Completed, r.Status);
            Assert.Equal(5, r.Contributions.Accepted);
            Assert.Equal(0, r.Contributions.RejectedTotal);
            Assert.Equal(1, r.UndetectedReplays);
            // The oracle's exact sum counts client 1's vector twice (once as client 0's): a small error means the decrypted sum does too.
            Assert.True(r.DecryptionError!.MaxAbsolute < 1e-6, $"decryption error {r.DecryptionError.MaxAbsolute}");
        });
        Assert.Equal(2, metrics.Totals.UndetectedReplays);
        var report = await File.ReadAllTextAsync(Path.Combine(_directory, "report.html"));
        Assert.Contains("rerandomized-copy is not detectable without zero-knowledge proofs", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Colluding_t_minus_1_key_holders_recover_nothing_of_a_contribution_and_the_report_says_so()
    {
        var metrics = await Runner().RunAsync(Run("{ type = colluding-key-holders }", rounds: 1), variant: null);

        var round = Assert.Single(metrics.Rounds);
        Assert.Equal(RoundStatus.Completed, round.Status);
        Assert.True(round.CollusionRelativeError > 1e3, $"relative error {round.CollusionRelativeError}");
        var report = await File.ReadAllTextAsync(Path.Combine(_directory, "report.html"));
        Assert.Contains("collusion of t−1 holders recovered nothing (relative error", report, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
