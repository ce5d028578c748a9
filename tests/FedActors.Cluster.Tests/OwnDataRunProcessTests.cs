using System.Globalization;
using System.Text;
using System.Text.Json;
using FedActors.Crypto.Identity;
using FedActors.Learning.Data;

namespace FedActors.Cluster.Tests;

/// <summary>
/// `fedactors run SCENARIO --cluster` over client nodes that each bring their own data directory
/// (`fedactors.node.data.path`), across processes on 127.0.0.1: client-1..3 each hold one client's part of the FedProx
/// synthetic set as a CSV written by the test, client-4 holds MNIST-shaped IDX images that do not fit the scenario's
/// model. The run places client-1..3 at indices 0..2 by name and ends with the model of the in-process run, whose
/// natural partition gives client i the same samples in the same order.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class OwnDataRunProcessTests(ClusterFixture fixture) : IDisposable
{
    private const int Seed = 3;
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(4);

    private readonly List<FedactorsProcess> _nodes = [];
    private readonly int _seedPort = FedactorsProcess.FreePort();
    private readonly int _keyManagerPort = FedactorsProcess.FreePort();
    private readonly string _directory = Directory.CreateTempSubdirectory("fedactors-own-data-run-").FullName;

    [CliFact]
    public async Task Clients_with_their_own_data_directories_complete_a_run_with_the_in_process_model_and_a_misfit_directory_is_refused_by_name()
    {
        var synthetic = FedProxSynthetic.Generate(1, 1, clients: 3, Seed);
        var sites = Enumerable.Range(0, 3).Select(i => WriteSite($"site-{i + 1}", synthetic.Train, synthetic.NaturalPartition!.Indices(i))).ToArray();
        var misfit = WriteMnistShapedSite("site-4");
        _nodes.Add(StartNode("key-manager", NodeRole.KeyManager, _keyManagerPort, string.Empty));
        for (var i = 0; i < 3; i++)
        {
            _nodes.Add(StartNode($"client-{i + 1}", NodeRole.Client, 0, $"data {{ path = \"{sites[i]}\" }}"));
        }
        _nodes.Add(StartNode("client-4", NodeRole.Client, 0, $"data {{ path = \"{misfit}\" }}"));
        foreach (var node in _nodes)
        {
            await node.WaitForAsync("Node ", TimeSpan.FromMinutes(1));
        }

        var scenario = Scenario("own-data", clients: 3);
        using (var coordinator = StartCoordinator(scenario, "runs/own-data"))
        {
            Assert.True(await coordinator.ExitCodeAsync(RunTimeout) == 0, coordinator.Output + Logs());
        }
        var cluster = Metrics("runs/own-data");
        var rounds = cluster.GetProperty("rounds").EnumerateArray().ToArray();
        Assert.Equal(3, rounds.Length);
        Assert.All(rounds, round =>
        {
            Assert.Equal("completed", round.GetProperty("status").GetString());
            Assert.Equal(3, round.GetProperty("contributions").GetProperty("accepted").GetInt32());
        });
        // Ten classes: chance is 0.1.
        Assert.True(FinalAccuracy(cluster) > 0.3, $"accuracy {FinalAccuracy(cluster)}");
        for (var i = 1; i <= 3; i++)
        {
            Assert.Contains(_nodes.Single(n => n.Name == $"client-{i}").Lines, l => l.Contains($"started /user/federation-host/client-000{i - 1}", StringComparison.Ordinal));
        }

        using (var local = FedactorsProcess.RunIn(_directory, "in-process", "run", scenario, "--set", $"output.dir={PathOf("runs/own-data-local")}"))
        {
            Assert.True(await local.ExitCodeAsync(RunTimeout) == 0, local.Output);
        }
        var inProcess = Metrics("runs/own-data-local");
        Assert.Equal(Hash(inProcess), Hash(cluster));

        // With four clients the misfit site is needed, and its refusal names the node, the file and what was expected.
        using var refused = StartCoordinator(Scenario("own-data-four", clients: 4), "runs/own-data-four");
        Assert.True(await refused.ExitCodeAsync(RunTimeout) != 0, refused.Output);
        var output = refused.Output;
        Assert.Contains("Node client-4", output);
        Assert.Contains(Path.Combine(misfit, DataDirectory.IdxImagesFile), output);
        Assert.Contains("[28, 28, 1]", output);
        Assert.Contains("[60]", output);
    }

    public void Dispose()
    {
        foreach (var node in _nodes)
        {
            node.Dispose();
        }
        Directory.Delete(_directory, recursive: true);
    }

    private string PathOf(string relative) => Path.Combine(_directory, relative);

    private string Logs() => string.Concat(_nodes.Select(n => "\n" + n.Output));

    /// <summary>A site's train.csv: the samples at <paramref name="indices"/> in that order, each float written so that it reads back bit for bit.</summary>
    private string WriteSite(string name, Dataset train, ReadOnlySpan<int> indices)
    {
        var directory = Directory.CreateDirectory(PathOf(name)).FullName;
        var features = train.SampleShape.Size;
        var text = new StringBuilder($"{indices.Length},{features},{string.Join(',', Enumerable.Range(0, train.Classes).Select(c => $"class-{c}"))}");
        foreach (var index in indices)
        {
            text.Append('\n');
            foreach (var value in train.Sample(index))
            {
                text.Append(value.ToString("R", CultureInfo.InvariantCulture)).Append(',');
            }
            text.Append(train.Labels[index].ToString(CultureInfo.InvariantCulture));
        }
        File.WriteAllText(Path.Combine(directory, DataDirectory.CsvFile), text.ToString());
        return directory;
    }

    /// <summary>Two blank 28×28 images with labels: valid IDX files whose samples do not fit a 60-feature model.</summary>
    private string WriteMnistShapedSite(string name)
    {
        var directory = Directory.CreateDirectory(PathOf(name)).FullName;
        File.WriteAllBytes(Path.Combine(directory, DataDirectory.IdxImagesFile), [0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 28, 0, 0, 0, 28, .. new byte[2 * 28 * 28]]);
        File.WriteAllBytes(Path.Combine(directory, DataDirectory.IdxLabelsFile), [0, 0, 8, 1, 0, 0, 0, 2, 3, 7]);
        return directory;
    }

    /// <summary>Synthetic data (which fixes the model's 60 inputs and 10 classes and the oracle's test split), logreg, FedAvg over all clients.</summary>
    private string Scenario(string name, int clients)
    {
        var file = PathOf($"{name}.conf");
        File.WriteAllText(file, $$"""
            scenario {
              name = {{name}}
              seed = {{Seed}}
              rounds = 3
              data { set = synthetic }
              model { type = logreg }
              training { local-epochs = 1, batch-size = 10, learning-rate = 0.05, optimizer = sgd }
              federation { clients = {{clients}}, clients-per-round = {{clients}}, min-contributions = 2, aggregation = mean, round-timeout = 60s }
              output { dir = "runs/{{name}}", report = none }
            }
            fedactors.learning.trainer-workers = 1
            """);
        return file;
    }

    private FedactorsProcess StartCoordinator(string scenario, string output) =>
        FedactorsProcess.RunIn(_directory, $"coordinator-{Path.GetFileNameWithoutExtension(scenario)}",
            "run", scenario, "--set", $"output.dir={PathOf(output)}", "--cluster", "--config", WriteNodeConfig("coordinator", NodeRole.Coordinator, _seedPort, string.Empty),
            "--join-timeout", "90");

    private JsonElement Metrics(string output)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(PathOf(Path.Combine(output, "metrics.json"))));
        return document.RootElement.Clone();
    }

    private static string Hash(JsonElement metrics) => metrics.GetProperty("run").GetProperty("final_model_hash").GetString()!;

    private static double FinalAccuracy(JsonElement metrics) => metrics.GetProperty("rounds").EnumerateArray().Last().GetProperty("test_accuracy").GetDouble();

    private FedactorsProcess StartNode(string identity, NodeRole role, int port, string node) =>
        FedactorsProcess.RunIn(_directory, identity, "node", "--config", WriteNodeConfig(identity, role, port, node));

    private string WriteNodeConfig(string identity, NodeRole role, int port, string node) =>
        fixture.WriteRunNodeConfig(identity, role, port, node, _seedPort, _keyManagerPort);
}
