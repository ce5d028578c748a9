using FedActors.Configuration;
using FedActors.Federation.Metrics;
using FedActors.Federation.Scenarios;
using FedActors.Federation.Simulation;
using FedActors.Learning;

namespace FedActors.Federation.Tests.Adversaries;

/// <summary>Small, fast federations for attack and oracle tests: synthetic data or a tiny MNIST logreg, a few rounds.</summary>
internal static class TinyFederation
{
    /// <summary>A synthetic (FedProx) logreg federation of <paramref name="clients"/> clients; <paramref name="extra"/> is appended inside <c>scenario { }</c>.</summary>
    public static Scenario Synthetic(string directory, string extra = "", int clients = 6, int rounds = 3) => Parse(
        $$"""
        scenario {
          name = tiny
          seed = 7
          rounds = {{rounds}}
          data { set = synthetic }
          model { type = logreg }
          training { local-epochs = 1, batch-size = 10, learning-rate = 0.05 }
          federation { clients = {{clients}}, clients-per-round = {{clients}}, min-contributions = 2, aggregation = mean, round-timeout = 60s }
          output { dir = "{{Slashes(directory)}}", report = none }
          {{extra}}
        }
        """);

    /// <summary>MNIST logreg over <paramref name="clients"/> IID clients (all selected), for backdoor tests.</summary>
    public static Scenario Mnist(string directory, string extra = "", int clients = 10, int rounds = 2) => Parse(
        $$"""
        scenario {
          name = tiny-mnist
          seed = 5
          rounds = {{rounds}}
          data { set = mnist, partition { scheme = iid } }
          model { type = logreg }
          training { local-epochs = 1, batch-size = 50, learning-rate = 0.1 }
          federation { clients = {{clients}}, clients-per-round = {{clients}}, min-contributions = 2, aggregation = mean, round-timeout = 120s }
          output { dir = "{{Slashes(directory)}}", report = none }
          {{extra}}
        }
        """);

    private static readonly Lazy<Task<RunMetrics>> _honestSynthetic = new(() => RunAsync(d => Synthetic(d)));

    /// <summary>The honest synthetic run every synthetic attack is compared with (run once per test process).</summary>
    public static Task<RunMetrics> HonestSynthetic => _honestSynthetic.Value;

    /// <summary>Runs the scenario <paramref name="scenario"/> builds for a fresh temporary run directory, deletes the directory, and returns the metrics.</summary>
    public static async Task<RunMetrics> RunAsync(Func<string, Scenario> scenario)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"fedactors-attack-{Guid.NewGuid():N}");
        try
        {
            return await Runner().RunAsync(scenario(directory), variant: null);
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    /// <summary>The synthetic run with <paramref name="extra"/> keys.</summary>
    public static Task<RunMetrics> RunSyntheticAsync(string extra, int clients = 6, int rounds = 3) => RunAsync(d => Synthetic(d, extra, clients, rounds));

    /// <summary>A runner with message serialization on, as the suite requires.</summary>
    public static ScenarioRunner Runner() => new(
        ConfigFactory.ParseString("fedactors.actor.serialize-messages = on").WithFallback(ConfigFactory.Reference),
        new LearningSettings(trainerWorkers: 2),
        TimeProvider.System);

    private static Scenario Parse(string text) =>
        ScenarioLoader.FromConfig(ConfigFactory.ParseString(text, "tiny.conf").WithFallback(ConfigFactory.Reference)).Base;

    private static string Slashes(string path) => path.Replace("\\", "/", StringComparison.Ordinal);
}
