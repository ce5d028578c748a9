using FedActors.Federation.Metrics;
using FedActors.Federation.Simulation;
using FedActors.Federation.Tests.Adversaries;
using FedActors.Learning;
using FedActors.Learning.Data;
using FedActors.Learning.Models;
using FedActors.Learning.Training;
using RunOracle = FedActors.Federation.Simulation.Oracle;

namespace FedActors.Federation.Tests.Oracle;

public sealed class OracleTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"fedactors-oracle-{Guid.NewGuid():N}");
    private readonly TrainerPool _pool = new(1, new LearningSettings().CreateGemm());

    private static RoundMetrics Reported(int round, GlobalModel model, RoundStatus status = RoundStatus.Completed) => new()
    {
        Round = round,
        Status = status,
        FailureReason = status == RoundStatus.Failed ? "too few" : null,
        Contributions = new ContributionCounts(2, 2, 2, new Dictionary<string, int>()),
        Bytes = RoleBytes.None,
        Time = PhaseTimes.Zero,
        ModelHash = status == RoundStatus.Completed ? Convert.ToHexStringLower(model.Hash) : null,
    };

    private SimulationNode Node()
    {
        var data = FedProxSynthetic.Generate(1, 1, 2, 3);
        var spec = ModelSpec.Named("logreg", data.Train.SampleShape, data.Train.Classes);
        return new SimulationNode(data, data.NaturalPartition!, spec, _pool, new TrainingOptions(), spec.InitializeParameters(3));
    }

    [Fact]
    public async Task Observed_rounds_reach_the_listener_in_order_with_accuracy_only_where_due_and_completed()
    {
        var node = Node();
        var scenario = TinyFederation.Synthetic(_directory, "metrics.evaluate-every = 2", rounds: 5);
        var delivered = new List<RoundMetrics>();
        var oracle = new RunOracle(node, scenario, delivered.Add);

        oracle.Observe(Reported(1, node.Global));
        oracle.Observe(Reported(2, node.Global));
        oracle.Observe(Reported(3, node.Global));
        oracle.Observe(Reported(4, node.Global, RoundStatus.Failed));
        oracle.Observe(Reported(5, node.Global));
        var rounds = await oracle.CompleteAsync();

        Assert.Equal([1, 2, 3, 4, 5], rounds.Select(r => r.Round));
        Assert.Equal(rounds, delivered);
        Assert.Equal([false, true, false, false, true], rounds.Select(r => r.TestAccuracy is not null));
        Assert.All(rounds.Where(r => r.TestAccuracy is not null), r => Assert.InRange(r.TestLoss!.Value, 0, double.MaxValue));
    }

    [Fact]
    public void A_round_whose_hash_is_not_the_published_model_is_refused()
    {
        var node = Node();
        var oracle = new RunOracle(node, TinyFederation.Synthetic(_directory), _ => { });
        var stale = node.Global;
        node.Publish(new float[node.Spec.ParameterCount]);
        var error = Assert.Throws<InvalidOperationException>(() => oracle.Observe(Reported(3, stale)));
        Assert.Contains("right after its model is published", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_with_evaluate_every_two_has_accuracy_in_even_rounds_and_the_last_and_its_report_copes()
    {
        var scenario = TinyFederation.Synthetic(_directory, "metrics.evaluate-every = 2, output.report = html", rounds: 3);
        var metrics = await TinyFederation.Runner().RunAsync(scenario, variant: null);

        Assert.Equal([false, true, true], metrics.Rounds.Select(r => r.TestAccuracy is not null));
        Assert.All(metrics.Rounds, r => Assert.Equal(RoundStatus.Completed, r.Status));
        var reread = MetricsFile.Read(Path.Combine(_directory, MetricsFile.FileName));
        Assert.Null(reread.Rounds[0].TestAccuracy);
        Assert.Contains("<svg", await File.ReadAllTextAsync(Path.Combine(_directory, "report.html")), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _pool.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
