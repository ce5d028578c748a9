using FedActors.Configuration;
using FedActors.Federation.Metrics;
using FedActors.Federation.Scenarios;
using FedActors.Federation.Simulation;
using FedActors.Learning;

namespace FedActors.Federation.Tests.Secure;

public sealed class SecureSumRunTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"fedactors-secure-{Guid.NewGuid():N}");

    private Scenario Tiny(string aggregation, string extra = "") => ScenarioLoader.FromConfig(
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

    private static ScenarioRunner Runner() => new(
        ConfigFactory.ParseString("fedactors.actor.serialize-messages = on").WithFallback(ConfigFactory.Reference),
        new LearningSettings(trainerWorkers: 2),
        TimeProvider.System);

    [Fact]
    public async Task A_secure_sum_run_completes_every_round_with_an_agreed_model_hash()
    {
        var metrics = await Runner().RunAsync(Tiny("secure-sum"), variant: null);
        Assert.All(metrics.Rounds, r => Assert.Equal(RoundStatus.Completed, r.Status));
        Assert.Equal(metrics.Rounds[^1].ModelHash, metrics.Run.FinalModelHash);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
