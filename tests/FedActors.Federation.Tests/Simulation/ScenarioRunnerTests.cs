using FedActors.Configuration;
using FedActors.Federation.Metrics;
using FedActors.Federation.Scenarios;
using FedActors.Federation.Simulation;
using FedActors.Learning;

namespace FedActors.Federation.Tests.Simulation;

public sealed class ScenarioRunnerTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"fedactors-runner-{Guid.NewGuid():N}");

    private Scenario Tiny(string extra = "") => ScenarioLoader.FromConfig(
        ConfigFactory.ParseString(
            $$"""
            scenario {
              name = tiny
              seed = 7
              rounds = 3
              data { set = synthetic }
              model { type = logreg }
              training { local-epochs = 1, batch-size = 10, learning-rate = 0.05 }
              federation { clients = 4, clients-per-round = 4, min-contributions = 2, aggregation = mean, round-timeout = 60s }
              output { dir = "{{_directory.Replace("\\", "/", StringComparison.Ordinal)}}", report = html }
              {{extra}}
            }
            """,
            "tiny.conf").WithFallback(ConfigFactory.Reference)).Base;

    private static ScenarioRunner Runner() => new(
        ConfigFactory.ParseString("fedactors.actor.serialize-messages = on").WithFallback(ConfigFactory.Reference),
        new LearningSettings(trainerWorkers: 2),
        TimeProvider.System);

    [Fact]
    public async Task A_plaintext_run_completes_every_round_through_the_actors_and_writes_metrics_and_report()
    {
        var rounds = new List<RoundMetrics>();
        var metrics = await Runner().RunAsync(Tiny(), variant: null, rounds.Add);

        Assert.Equal(3, metrics.Rounds.Count);
        Assert.Equal(metrics.Rounds, rounds);
        Assert.All(metrics.Rounds, r =>
        {
            Assert.Equal(RoundStatus.Completed, r.Status);
            Assert.Equal(4, r.Contributions.Accepted);
            Assert.Equal(0, r.Contributions.RejectedTotal);
        });
        Assert.True(metrics.Rounds[^1].TestAccuracy > 1.0 / 10, $"accuracy {metrics.Rounds[^1].TestAccuracy} is not above chance");
        Assert.Equal(metrics.Rounds[^1].ModelHash, metrics.Run.FinalModelHash);
        Assert.Equal(metrics.Run.FinalModelHash, MetricsFile.Read(Path.Combine(_directory, MetricsFile.FileName)).Run.FinalModelHash);
        Assert.Contains("<svg", await File.ReadAllTextAsync(Path.Combine(_directory, "report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_final_model_and_another_seed_another()
    {
        var first = await Runner().RunAsync(Tiny(), variant: null);
        var again = await Runner().RunAsync(Tiny(), variant: null);
        var other = await Runner().RunAsync(Tiny("seed = 8"), variant: null);
        Assert.Equal(first.Run.FinalModelHash, again.Run.FinalModelHash);
        Assert.NotEqual(first.Run.FinalModelHash, other.Run.FinalModelHash);
    }

    [Fact]
    public async Task Rounds_whose_deadline_passes_before_min_contributions_fail_cleanly_and_the_run_continues()
    {
        var metrics = await Runner().RunAsync(Tiny("federation.round-timeout = 1ms, federation.min-contributions = 4"), variant: null);
        Assert.Equal(3, metrics.Rounds.Count);
        Assert.Contains(metrics.Rounds, r => r.Status == RoundStatus.Failed && r.FailureReason!.Contains("min-contributions", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sign_flipping_a_majority_of_clients_under_mean_aggregation_lowers_the_final_accuracy()
    {
        var honest = await Runner().RunAsync(Tiny(), variant: null);
        var attacked = await Runner().RunAsync(Tiny("attacks = [{ type = sign-flip, clients = 3, scale = 1 }]"), variant: null);
        Assert.All(attacked.Rounds, r => Assert.Equal(4, r.Contributions.Accepted));
        Assert.True(
            attacked.Rounds[^1].TestAccuracy < honest.Rounds[^1].TestAccuracy,
            $"attacked accuracy {attacked.Rounds[^1].TestAccuracy} is not below honest {honest.Rounds[^1].TestAccuracy}");
    }

    [Fact]
    public async Task Secure_sum_with_an_encoding_other_than_the_parameter_sets_is_refused_with_a_sentence_saying_what_to_choose()
    {
        var error = await Assert.ThrowsAsync<NotSupportedException>(() => Runner().RunAsync(Tiny("federation.aggregation = secure-sum, crypto.encoding = slots"), variant: null));
        Assert.Contains("set crypto.encoding = coefficients", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_directory), "a refused run created its run directory");
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
