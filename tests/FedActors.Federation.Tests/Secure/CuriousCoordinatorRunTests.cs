using FedActors.Configuration;
using FedActors.Federation.Coordinator;
using FedActors.Federation.Journal;
using FedActors.Federation.Metrics;
using FedActors.Federation.Scenarios;
using FedActors.Federation.Simulation;
using FedActors.Federation.Tests.Journal;
using FedActors.Learning;

namespace FedActors.Federation.Tests.Secure;

/// <summary>The curious-coordinator attack in whole secure-sum runs (messages serialized): the key holders refuse every isolation request.</summary>
public sealed class CuriousCoordinatorRunTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"fedactors-curious-{Guid.NewGuid():N}");

    private Scenario Tiny(string extra) => ScenarioLoader.FromConfig(
        ConfigFactory.ParseString(
            $$"""
            scenario {
              name = tiny-curious
              seed = 7
              rounds = 2
              data { set = synthetic }
              model { type = logreg }
              training { local-epochs = 1, batch-size = 10, learning-rate = 0.05 }
              federation { clients = 5, clients-per-round = 5, min-contributions = 3, aggregation = secure-sum, round-timeout = 60s, clip-norm = 5.0 }
              crypto { committee-size = 4, threshold = 3, deterministic-randomness = on }
              output { dir = "{{_directory.Replace("\\", "/", StringComparison.Ordinal)}}", report = html }
              {{extra}}
            }
            """,
            "tiny-curious.conf").WithFallback(ConfigFactory.Reference)).Base;

    private static ScenarioRunner Runner() => new(
        ConfigFactory.ParseString("fedactors.actor.serialize-messages = on").WithFallback(ConfigFactory.Reference),
        new LearningSettings(trainerWorkers: 2),
        TimeProvider.System);

    [Fact]
    public async Task Isolation_requests_of_both_modes_are_refused_by_reason_release_no_share_and_leave_the_honest_rounds_unchanged()
    {
        var honest = await Runner().RunAsync(Tiny(string.Empty), variant: null);

        foreach (var mode in CuriousCoordinatorAttack.Modes)
        {
            var attacked = await Runner().RunAsync(Tiny($"attacks = [{{ type = curious-coordinator, mode = {mode} }}]"), variant: null);

            Assert.Equal(honest.Run.FinalModelHash, attacked.Run.FinalModelHash);
            Assert.All(attacked.Rounds, r =>
            {
                Assert.Equal(RoundStatus.Completed, r.Status);
                Assert.Equal(5, r.Contributions.Accepted);
                Assert.Equal(2, r.IsolationAttempts);
                Assert.Equal(0, r.IsolationShares);
                Assert.Equal(0, r.IsolationSucceeded);
                // t = 3 holders refuse each request: the short manifest lists too few clients, the full one does not sum to the aggregate.
                Assert.Equal(new Dictionary<string, int> { ["aggregate-mismatch"] = 3, ["too-few-signatures"] = 3 }, r.IsolationRefusals);
            });
            var requested = await IsolationEventsAsync();
            Assert.Equal(4, requested.Count);
            Assert.All(requested, e => Assert.Equal(mode, e.Mode));
            Assert.Equal(mode == "single-client" ? 1 : 2, requested[0].Isolated.Count);
            Assert.Equal([CuriousCoordinator.ShortManifest, CuriousCoordinator.FullManifest], requested.Take(2).Select(e => e.Variant));
            var report = await File.ReadAllTextAsync(Path.Combine(_directory, "report.html"));
            Assert.Contains("isolation attempts refused: 4 of 4", report, StringComparison.Ordinal);
            Assert.Equal(attacked.Rounds, MetricsFile.Read(Path.Combine(_directory, MetricsFile.FileName)).Rounds, new RoundIsolationComparer());
        }
    }

    [Fact]
    public async Task Without_verify_aggregate_the_full_manifest_isolation_gets_t_shares_and_the_run_says_it_succeeded()
    {
        var attacked = await Runner().RunAsync(Tiny("rounds = 1, crypto.verify-aggregate = off, attacks = [{ type = curious-coordinator, mode = single-client }]"), variant: null);

        var round = Assert.Single(attacked.Rounds);
        Assert.Equal(RoundStatus.Completed, round.Status);
        Assert.Equal(1, round.IsolationSucceeded);
        Assert.Equal(3, round.IsolationShares);
        Assert.Equal(new Dictionary<string, int> { ["too-few-signatures"] = 3 }, round.IsolationRefusals);
        var report = await File.ReadAllTextAsync(Path.Combine(_directory, "report.html"));
        Assert.Contains("isolation succeeded in 1 of 2", report, StringComparison.Ordinal);
    }

    /// <summary>The journal's isolation events, in order, after the run's chain and signatures verified.</summary>
    private async Task<List<IsolationRequested>> IsolationEventsAsync()
    {
        var settings = RecordedRun.StoreSettings(_directory);
        await using var journal = RunStore.OpenJournal(JournalSettings.Default, settings, TimeProvider.System);
        var runId = RunStore.ReadRunId(_directory);
        await RunVerifier.VerifyAsync(journal, journal, runId, new BlobStore(_directory), (id, n) => RunStore.ManifestAtAsync(JournalSettings.Default, settings, id, n));
        var events = new List<IsolationRequested>();
        await foreach (var (_, e) in JournalEvents.ReadAsync(journal, CoordinatorActor.PersistenceIdOf(runId)))
        {
            if (e is IsolationRequested requested)
            {
                events.Add(requested);
            }
        }
        return events;
    }

    /// <summary>Rounds equal in their isolation figures (metrics.json carries them).</summary>
    private sealed class RoundIsolationComparer : IEqualityComparer<RoundMetrics>
    {
        public bool Equals(RoundMetrics? x, RoundMetrics? y) =>
            x?.IsolationAttempts == y?.IsolationAttempts && x?.IsolationShares == y?.IsolationShares && x?.IsolationSucceeded == y?.IsolationSucceeded
            && (x?.IsolationRefusals ?? new Dictionary<string, int>()).OrderBy(p => p.Key).SequenceEqual((y?.IsolationRefusals ?? new Dictionary<string, int>()).OrderBy(p => p.Key));

        public int GetHashCode(RoundMetrics obj) => obj.IsolationAttempts ?? 0;
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
