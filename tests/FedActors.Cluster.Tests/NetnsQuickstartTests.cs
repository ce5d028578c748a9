using System.Diagnostics;
using System.Text.Json;
using FedActors.Crypto.Identity;
using Xunit.Abstractions;

namespace FedActors.Cluster.Tests;

/// <summary>
/// The quick start end to end across hosts: scenarios/quickstart.conf (secure-sum, seed 1) with one round instead of
/// five, run by `fedactors run --cluster` on a coordinator host, with a key-manager node and one client node per
/// client (partitions 0..n-1) each on its own namespace host, ends within 0.5 accuracy points of the in-process run
/// with the same seed and settings. By default with 3 clients (committee 3, t = 2, at least 2 contributions) to keep
/// the suite short; <c>FEDACTORS_NETNS_QUICKSTART_CLIENTS=10</c> runs the quick start's own 10 clients (committee 10,
/// t = 6) on twelve hosts, and <c>FEDACTORS_NETNS_QUICKSTART_ROUNDS=5</c> its own five rounds. The test's output gives both runs' round time and wall clock (what
/// tests/FedActors.Benchmarks/Cluster/round-latency.sh collects).
/// </summary>
[Collection(NetnsCollection.Name)]
public sealed class NetnsQuickstartTests(NetnsCluster cluster, ITestOutputHelper output)
{
    private const int ShippedClients = 10;
    private const int ShippedRounds = 5;
    private static readonly int Rounds =
        int.TryParse(Environment.GetEnvironmentVariable("FEDACTORS_NETNS_QUICKSTART_ROUNDS"), out var r) && r is >= 1 and <= ShippedRounds ? r : 1;
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(8);

    // Up to twelve processes training on two cores starve each other's heartbeats for seconds (more on a loaded machine), and
    // a silent watched node is quarantined after fedactors.remote.acceptable-heartbeat-pause; dropouts are not under test.
    private const string Tolerant = """
        fedactors.remote.acceptable-heartbeat-pause = 120s
        fedactors.cluster { down-unreachable-after = 120s, failure-detector.acceptable-heartbeat-pause = 30s }
        """;

    [NetnsFact]
    public async Task The_quickstart_across_namespace_hosts_ends_within_half_a_point_of_the_in_process_run()
    {
        var clients = int.TryParse(Environment.GetEnvironmentVariable("FEDACTORS_NETNS_QUICKSTART_CLIENTS"), out var n) && n is >= 3 and <= ShippedClients ? n : 3;
        var identities = cluster.Identities;
        var directory = Directory.CreateTempSubdirectory("fedactors-netns-quickstart-").FullName;
        var scenario = Path.Combine(CliFactAttribute.RepositoryRoot!, "scenarios", "quickstart.conf");
        var roster = identities.Roster;
        for (var i = 5; i <= clients; i++)
        {
            roster = roster.Add(new RosterEntry($"client-{i}", NodeRole.Client, identities.FingerprintOf($"client-{i}")));
        }
        var rosterFile = Path.Combine(directory, "roster.json");
        roster.Save(rosterFile);
        List<FedactorsProcess> nodes = [];
        try
        {
            // In the root namespace first: it also fetches MNIST into the data cache, which the hosts (no route out) read.
            var inProcess = await RunAsync("in-process run", null, Path.Combine(directory, "in-process"), ["run", scenario, .. Sets(clients)]);

            using var hosts = NetnsHosts.Create(2 + clients);
            var seed = $"fedactors://fed@{hosts.Hosts[0].Address}:{NetnsCluster.Port}";
            string Config(string identity, NodeRole role, int host, string node = "") =>
                identities.WriteNodeConfig(identity, role, [seed], hosts.Hosts[host].Address.ToString(), NetnsCluster.Port, node, Tolerant, rosterFile);
            try
            {
                nodes.Add(FedactorsProcess.StartNode("key-manager", Config("key-manager", NodeRole.KeyManager, 1), hosts.Hosts[1]));
                for (var i = 1; i <= clients; i++)
                {
                    var config = Config($"client-{i}", NodeRole.Client, 1 + i, $"data {{ set = mnist, partition-index = {i - 1} }}");
                    nodes.Add(FedactorsProcess.StartNode($"client-{i}", config, hosts.Hosts[1 + i]));
                }
                var across = await RunAsync("cluster run", hosts.Hosts[0], Path.Combine(directory, "cluster"),
                    ["run", scenario, .. Sets(clients), "--cluster", "--config", Config("coordinator", NodeRole.Coordinator, 0), "--join-timeout", "300"]);

                Assert.Equal("completed", across.Status);
                Assert.True(Math.Abs(across.Accuracy - inProcess.Accuracy) <= 0.005,
                    $"cluster run accuracy {across.Accuracy:P2}, in-process {inProcess.Accuracy:P2}");
                output.WriteLine($"in-process: round {inProcess.RoundSeconds:0.00} s, run {inProcess.WallSeconds:0.0} s wall, accuracy {inProcess.Accuracy:P2}");
                output.WriteLine($"{2 + clients} namespace hosts ({clients} clients): round {across.RoundSeconds:0.00} s, run {across.WallSeconds:0.0} s wall (from the coordinator's start), accuracy {across.Accuracy:P2}");
            }
            finally
            {
                foreach (var node in nodes)
                {
                    node.Dispose();
                }
            }
        }
        catch (Exception) when (nodes.Count > 0)
        {
            foreach (var node in nodes)
            {
                output.WriteLine(node.Output);
            }
            throw;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The quick start's settings for <paramref name="clients"/> clients: none for its own 10; t = 60 % of the committee, as it has.</summary>
    private static string[] Sets(int clients)
    {
        if (clients == ShippedClients)
        {
            return [];
        }
        var threshold = Math.Max(2, (int)Math.Ceiling(0.6 * clients));
        return [.. new[]
        {
            $"federation.clients={clients}", $"federation.clients-per-round={clients}", $"federation.min-contributions={threshold}",
            $"crypto.committee-size={clients}", $"crypto.threshold={threshold}",
        }.SelectMany(set => new[] { "--set", set })];
    }

    /// <summary>Runs `fedactors <paramref name="arguments"/> --set rounds=N --set output.dir=…` and reads its last round's metrics.</summary>
    private static async Task<Outcome> RunAsync(string identity, NetnsHost? host, string outputDirectory, string[] arguments)
    {
        var clock = Stopwatch.StartNew();
        using var run = FedactorsProcess.Run(identity, host, [.. arguments, "--set", $"rounds={Rounds}", "--set", $"output.dir={outputDirectory}"]);
        try
        {
            await run.Process.WaitForExitAsync().WaitAsync(RunTimeout);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"{identity} did not finish within {RunTimeout.TotalMinutes} min\n{run.Output}");
        }
        var wall = clock.Elapsed.TotalSeconds;
        Assert.True(run.Process.ExitCode == 0, $"{identity} exited with {run.Process.ExitCode}\n{run.Output}");
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(outputDirectory, "metrics.json")));
        var round = metrics.RootElement.GetProperty("rounds")[Rounds - 1];
        return new Outcome(round.GetProperty("status").GetString()!, round.GetProperty("test_accuracy").GetDouble(),
            round.GetProperty("time").GetProperty("total").GetDouble(), wall);
    }

    private sealed record Outcome(string Status, double Accuracy, double RoundSeconds, double WallSeconds);
}
