using System.Text.Json;
using FedActors.Crypto.Identity;
using FedActors.TestKit;

namespace FedActors.Cluster.Tests;

/// <summary>
/// `fedactors run SCENARIO --cluster` across processes on 127.0.0.1: a key-manager and four client nodes
/// (`fedactors node`, MNIST partitions 0..3) started once for the class, and a coordinator process per run. Runs end
/// with the model of the in-process run of the same scenario (bit for bit: training is deterministic per client seed,
/// and secure-sum's encryption randomness is seeded with crypto.deterministic-randomness = on); a client process
/// killed mid-round is a dropout; a coordinator killed mid-run resumes from PostgreSQL.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterRunProcessTests(ClusterFixture fixture, ClusterRunProcessTests.Nodes nodes) : IClassFixture<ClusterRunProcessTests.Nodes>
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(4);

    [CliFact]
    public async Task Plaintext_and_secure_runs_across_processes_end_with_the_in_process_model_and_a_killed_client_is_a_dropout()
    {
        await nodes.StartAsync(fixture);

        var plain = nodes.Scenario("plain", "aggregation = mean");
        var plainCluster = await nodes.RunClusterAsync(plain, "runs/plain-cluster");
        var plainLocal = await nodes.RunInProcessAsync(plain, "runs/plain-local");
        AssertSameRun(plainLocal, plainCluster);

        var secure = nodes.Scenario("secure", "aggregation = secure-sum", "crypto { committee-size = 3, threshold = 2, deterministic-randomness = on }");
        var secureCluster = await nodes.RunClusterAsync(secure, "runs/secure-cluster");
        var secureLocal = await nodes.RunInProcessAsync(secure, "runs/secure-local");
        AssertSameRun(secureLocal, secureCluster);

        // Client index 3 (client-4's node) is killed once its ClientActor started: round 1 closes at its deadline with
        // the other three; round 2 selects it again (selection is a function of the seed and round) and does the same.
        var dropout = nodes.Scenario("dropout", "aggregation = mean, clients = 4, clients-per-round = 4, min-contributions = 3, round-timeout = 10s");
        using var coordinator = nodes.StartCoordinator(dropout, "runs/dropout");
        await Eventually.True(
            () => nodes.Client(4).Contains("started /user/federation-host/client-0003") || coordinator.Process.HasExited,
            () => coordinator.Output + "\n" + nodes.Output, RunTimeout);
        Assert.False(coordinator.Process.HasExited, coordinator.Output + "\n" + nodes.Output);
        nodes.Client(4).Process.Kill(entireProcessTree: true);
        Assert.True(await coordinator.ExitCodeAsync(RunTimeout) == 0, coordinator.Output + "\n" + nodes.Output);
        var rounds = nodes.Metrics("runs/dropout").GetProperty("rounds").EnumerateArray().ToArray();
        Assert.Equal(2, rounds.Length);
        foreach (var round in rounds)
        {
            Assert.Equal("completed", round.GetProperty("status").GetString());
            Assert.Equal(4, round.GetProperty("contributions").GetProperty("selected").GetInt32());
            Assert.Equal(3, round.GetProperty("contributions").GetProperty("accepted").GetInt32());
        }
    }

    [ClusterPostgreSqlFact]
    public async Task A_coordinator_killed_mid_run_resumes_from_PostgreSQL_with_the_client_nodes_and_ends_with_the_uninterrupted_model()
    {
        await nodes.StartAsync(fixture);
        var connection = TestDatabase.ConnectionString!;
        var scenario = nodes.Scenario("resume", "aggregation = mean", $"persistence {{ plugin = postgresql, connection-string = \"{connection}\" }}", rounds: 3);

        using (var killed = nodes.StartCoordinator(scenario, "runs/resume"))
        {
            await Eventually.True(() => File.Exists(nodes.PathOf("runs/resume/checkpoints/round-1.weights")), () => killed.Output, RunTimeout);
            killed.Process.Kill(entireProcessTree: true);
            await killed.Process.WaitForExitAsync();
        }
        using var resumed = nodes.StartCoordinatorProcess("coordinator-resumed", "run", "--resume", nodes.PathOf("runs/resume"));
        Assert.True(await resumed.ExitCodeAsync(RunTimeout) == 0, resumed.Output + "\n" + nodes.Output);
        var uninterrupted = await nodes.RunInProcessAsync(nodes.Scenario("resume-local", "aggregation = mean", rounds: 3), "runs/resume-local");

        var metrics = nodes.Metrics("runs/resume");
        var statuses = metrics.GetProperty("rounds").EnumerateArray().Select(r => r.GetProperty("status").GetString()).ToArray();
        Assert.True(
            statuses is ["completed", "completed", "completed"],
            $"The resumed run's rounds are {string.Join(", ", statuses)}.\nResumed: {metrics}\n{resumed.Output}\n{nodes.Output}");
        Assert.True(
            FinalHash(uninterrupted) == FinalHash(metrics),
            $"The resumed run ended with another model.\nResumed: {metrics}\nUninterrupted: {uninterrupted}\n{resumed.Output}\n{nodes.Output}");
    }

    private static void AssertSameRun(JsonElement local, JsonElement cluster)
    {
        Assert.Equal(FinalHash(local), FinalHash(cluster));
        var localAccuracy = FinalAccuracy(local);
        var clusterAccuracy = FinalAccuracy(cluster);
        Assert.True(Math.Abs(localAccuracy - clusterAccuracy) <= 0.005, $"accuracy {clusterAccuracy} across processes, {localAccuracy} in process");
    }

    private static string FinalHash(JsonElement metrics) => metrics.GetProperty("run").GetProperty("final_model_hash").GetString()!;

    private static double FinalAccuracy(JsonElement metrics) => metrics.GetProperty("rounds").EnumerateArray().Last().GetProperty("test_accuracy").GetDouble();

    /// <summary>The key-manager and client node processes shared by the class, and how to run coordinators against them.</summary>
    public sealed class Nodes : IDisposable
    {
        private readonly List<FedactorsProcess> _nodes = [];
        private readonly int _seedPort = FedactorsProcess.FreePort();
        private readonly int _keyManagerPort = FedactorsProcess.FreePort();
        private ClusterFixture? _fixture;
        private int _coordinators;

        public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("fedactors-cluster-run-").FullName;

        public string PathOf(string relative) => Path.Combine(Directory, relative);

        public FedactorsProcess Client(int number) => _nodes.Single(n => n.Name == $"client-{number}");

        /// <summary>The output of the key-manager and client nodes so far, for failure messages.</summary>
        public string Output => string.Join("\n", _nodes.Select(n => n.Output));

        /// <summary>Starts the key-manager and client-1..4 (partitions 0..3) once and waits until they are up.</summary>
        public async Task StartAsync(ClusterFixture fixture)
        {
            if (_fixture is not null)
            {
                return;
            }
            _fixture = fixture;
            _nodes.Add(StartNode("key-manager", NodeRole.KeyManager, _keyManagerPort, string.Empty));
            for (var i = 1; i <= 4; i++)
            {
                _nodes.Add(StartNode($"client-{i}", NodeRole.Client, 0, $"data {{ set = mnist, partition-index = {i - 1} }}"));
            }
            foreach (var node in _nodes)
            {
                await node.WaitForAsync("Node ", TimeSpan.FromMinutes(1));
            }
        }

        /// <summary>A quickstart-like scenario (MNIST, IID, FedAvg; a small MLP to keep the test short) with <paramref name="federation"/> settings.</summary>
        public string Scenario(string name, string federation, string extra = "", int rounds = 2)
        {
            var file = PathOf($"{name}.conf");
            File.WriteAllText(file, $$"""
                scenario {
                  name = {{name}}
                  seed = 3
                  rounds = {{rounds}}
                  data { set = mnist, partition { scheme = iid } }
                  model { type = mlp, hidden = [32] }
                  training { local-epochs = 1, batch-size = 50, learning-rate = 0.1, optimizer = sgd }
                  federation { clients = 3, clients-per-round = 3, min-contributions = 2, round-timeout = 60s }
                  federation { {{federation}} }
                  {{extra}}
                  output { dir = "runs/{{name}}", report = none }
                }
                fedactors.learning.trainer-workers = 1
                """);
            return file;
        }

        public FedactorsProcess StartCoordinator(string scenario, string output) =>
            StartCoordinatorProcess($"coordinator-{Path.GetFileNameWithoutExtension(scenario)}", "run", scenario, "--set", $"output.dir={PathOf(output)}");

        /// <summary>`fedactors ARGS --cluster --config coordinator.conf` (the coordinator node's configuration).</summary>
        public FedactorsProcess StartCoordinatorProcess(string name, params string[] arguments)
        {
            var config = WriteNodeConfig("coordinator", NodeRole.Coordinator, _seedPort, string.Empty);
            return FedactorsProcess.RunIn(Directory, $"{name}-{++_coordinators}", [.. arguments, "--cluster", "--config", config, "--join-timeout", "90"]);
        }

        public async Task<JsonElement> RunClusterAsync(string scenario, string output)
        {
            using var coordinator = StartCoordinator(scenario, output);
            Assert.True(await coordinator.ExitCodeAsync(RunTimeout) == 0, coordinator.Output + "\n" + Output);
            return Metrics(output);
        }

        public async Task<JsonElement> RunInProcessAsync(string scenario, string output)
        {
            using var run = FedactorsProcess.RunIn(Directory, $"in-process {Path.GetFileName(scenario)}", "run", scenario, "--set", $"output.dir={PathOf(output)}");
            Assert.True(await run.ExitCodeAsync(RunTimeout) == 0, run.Output);
            return Metrics(output);
        }

        public JsonElement Metrics(string output)
        {
            using var document = JsonDocument.Parse(File.ReadAllText(PathOf(Path.Combine(output, "metrics.json"))));
            return document.RootElement.Clone();
        }

        public void Dispose()
        {
            foreach (var node in _nodes)
            {
                node.Dispose();
            }
            System.IO.Directory.Delete(Directory, recursive: true);
        }

        private FedactorsProcess StartNode(string identity, NodeRole role, int port, string node) =>
            FedactorsProcess.RunIn(Directory, identity, "node", "--config", WriteNodeConfig(identity, role, port, node));

        private string WriteNodeConfig(string identity, NodeRole role, int port, string node) =>
            _fixture!.WriteRunNodeConfig(identity, role, port, node, _seedPort, _keyManagerPort);
    }
}
