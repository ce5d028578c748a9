using FedActors.Actors.Core;
using FedActors.Configuration;
using FedActors.Crypto.Envelope;
using FedActors.Federation.Client;
using FedActors.Federation.Coordinator;
using FedActors.Federation.Metrics;
using FedActors.Federation.Reporting;
using FedActors.Federation.Scenarios;
using FedActors.Learning;
using FedActors.Learning.Data;
using FedActors.Learning.Models;
using FedActors.Learning.Partitions;
using FedActors.Learning.Randomness;
using FedActors.Learning.Training;

namespace FedActors.Federation.Simulation;

/// <summary>
/// Runs one scenario as a federation of actors in one <see cref="ActorSystem"/>: loads the data,
/// partitions it by the seed, builds one node shared by every client, a Coordinator and the
/// clients, runs every round, and writes <c>metrics.json</c> (and <c>report.html</c> when
/// <c>output.report = html</c>) into the run directory.
/// </summary>
public sealed partial class ScenarioRunner
{
    private readonly Config _systemConfig;
    private readonly LearningSettings _learning;
    private readonly TimeProvider _time;

    /// <summary>Creates a runner.</summary>
    /// <param name="systemConfig">The actor system's configuration (with the reference as fallback).</param>
    /// <param name="learning">Data cache, trainer workers and GEMM backend.</param>
    /// <param name="time">The clock of deadlines and run times.</param>
    public ScenarioRunner(Config systemConfig, LearningSettings learning, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(systemConfig);
        ArgumentNullException.ThrowIfNull(learning);
        ArgumentNullException.ThrowIfNull(time);
        _systemConfig = systemConfig;
        _learning = learning;
        _time = time;
    }

    /// <summary>Runs <paramref name="scenario"/> to the end and writes its metrics and report.</summary>
    /// <param name="scenario">A validated scenario.</param>
    /// <param name="variant">The sweep variant's name, if any.</param>
    /// <param name="onRound">Called after each round (on an actor thread) with its metrics.</param>
    /// <param name="cancellationToken">Stops the run; the task is then cancelled.</param>
    /// <returns>The run's metrics, as written to <c>metrics.json</c>.</returns>
    /// <exception cref="NotSupportedException">The scenario uses a layer-list model, attacks other than sign-flip, or a parameter set whose encoding differs from <c>crypto.encoding</c>, which this runner does not run yet.</exception>
    public async Task<RunMetrics> RunAsync(Scenario scenario, string? variant, Action<RoundMetrics>? onRound = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        RequireSecureSupported(scenario);
        Require(scenario.Model.Type != "layers", "model.layers is not run by this runner yet; choose logreg, mlp or cnn-mcmahan");
        Require(scenario.Attacks.All(a => a is SignFlipAttack), "of the attacks, only sign-flip is run by this runner yet; remove the others from the attacks section");
        var startedAt = _time.GetUtcNow();
        var started = _time.GetTimestamp();
        var seed = (ulong)scenario.Seed;
        var data = DatasetCatalog.Load(scenario.Data.Set, _learning.DataCache, seed, scenario.Data.SyntheticAlpha, scenario.Data.SyntheticBeta, scenario.Federation.Clients);
        var partition = data.NaturalPartition is { } natural && natural.ClientCount == scenario.Federation.Clients
            ? natural
            : Partitioner.Split(data.Train, scenario.Federation.Clients, new PartitionSpec(PartitionSpec.ParseScheme(scenario.Data.Partition.Scheme), scenario.Data.Partition.Alpha, scenario.Data.Partition.Sigma), seed);
        var spec = ModelSpec.Named(scenario.Model.Type, data.Train.SampleShape, data.Train.Classes, scenario.Model.Hidden.Count == 0 ? null : scenario.Model.Hidden);
        var training = new TrainingOptions
        {
            Epochs = scenario.Training.LocalEpochs,
            BatchSize = scenario.Training.BatchSize,
            LearningRate = (float)scenario.Training.LearningRate,
            Optimizer = scenario.Training.Optimizer == "adam" ? OptimizerKind.Adam : OptimizerKind.Sgd,
            Momentum = (float)scenario.Training.Momentum,
            WeightDecay = (float)scenario.Training.WeightDecay,
            ProximalMu = (float)scenario.Training.ProximalMu,
        };
        using var pool = new TrainerPool(_learning.TrainerWorkers, _learning.CreateGemm());
        var node = new SimulationNode(data, partition, spec, pool, training, spec.InitializeParameters(seed));
        var identities = Enumerable.Range(0, scenario.Federation.Clients).Select(_ => EcKeyPair.Generate()).ToArray();
        try
        {
            var rounds = scenario.Federation.IsSecure
                ? await RunSecureAsync(scenario, node, identities, onRound ?? (_ => { }), cancellationToken).ConfigureAwait(false)
                : await RunActorsAsync(scenario, node, identities, onRound ?? (_ => { }), cancellationToken).ConfigureAwait(false);
            var run = scenario.ToRunInfo(variant, startedAt) with
            {
                DurationSeconds = _time.GetElapsedTime(started).TotalSeconds,
                FinalModelHash = Convert.ToHexStringLower(node.Global.Hash),
            };
            var metrics = new RunMetrics { Run = run, Rounds = rounds };
            FinalModelObserver?.Invoke(node.Global);
            Directory.CreateDirectory(scenario.Output.Directory);
            MetricsFile.Write(metrics, Path.Combine(scenario.Output.Directory, MetricsFile.FileName));
            if (scenario.Output.Report == "html")
            {
                HtmlReport.Write([metrics], Path.Combine(scenario.Output.Directory, HtmlReport.FileName));
            }
            return metrics;
        }
        finally
        {
            foreach (var identity in identities)
            {
                identity.Dispose();
            }
        }
    }

    private async Task<IReadOnlyList<RoundMetrics>> RunActorsAsync(
        Scenario scenario, SimulationNode node, EcKeyPair[] identities, Action<RoundMetrics> onRound, CancellationToken cancellationToken)
    {
        await using var system = ActorSystem.Create("federation", _systemConfig);
        var runId = $"{scenario.Name}-{scenario.Seed}";
        var signFlips = SignFlippers(scenario);
        var clients = identities.Select((identity, i) =>
            system.ActorOf(
                ClientActor.Props(CoordinatorActor.ClientId(i), i, node, identity, SeededRandom.Derive((ulong)scenario.Seed, (ulong)i + 1), signFlips.GetValueOrDefault(i)),
                CoordinatorActor.ClientId(i)))
            .ToArray();
        var roster = identities.Select((identity, i) => (Id: CoordinatorActor.ClientId(i), identity.PublicKey))
            .ToDictionary(p => p.Id, p => p.PublicKey, StringComparer.Ordinal);
        var completion = new TaskCompletionSource<IReadOnlyList<RoundMetrics>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var oracle = new Oracle(node, scenario, onRound);
        system.ActorOf(CoordinatorActor.Props(scenario, runId, node, clients, roster, _time, oracle.Observe, completion), "coordinator");
        await completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        return await oracle.CompleteAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The sign-flip behaviour of each attacking client: its explicit ids, else clients chosen by the seed.</summary>
    private static Dictionary<int, SignFlipBehaviour> SignFlippers(Scenario scenario)
    {
        var behaviours = new Dictionary<int, SignFlipBehaviour>();
        var random = new SeededRandom(SeededRandom.Derive((ulong)scenario.Seed, 0xA77AC));
        foreach (var attack in scenario.Attacks.OfType<SignFlipAttack>())
        {
            var order = Enumerable.Range(0, scenario.Federation.Clients).ToArray();
            random.Shuffle(order.AsSpan());
            var attackers = attack.Clients.Ids ?? order.Take(attack.Clients.Resolve(scenario.Federation.Clients)).ToArray();
            foreach (var index in attackers)
            {
                behaviours[index] = new SignFlipBehaviour(attack, scenario.Rounds);
            }
        }
        return behaviours;
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new NotSupportedException(message);
        }
    }
}
