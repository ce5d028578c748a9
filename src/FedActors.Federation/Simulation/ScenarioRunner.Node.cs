using FedActors.Federation.Scenarios;
using FedActors.Learning;
using FedActors.Learning.Data;
using FedActors.Learning.Models;
using FedActors.Learning.Partitions;
using FedActors.Learning.Training;

namespace FedActors.Federation.Simulation;

/// <summary>How a runner, and a cluster node taking part in a run, builds the node of a scenario.</summary>
public sealed partial class ScenarioRunner
{
    /// <summary>
    /// The node of <paramref name="scenario"/>: its data set loaded and partitioned by the seed, the model (from
    /// <paramref name="modelCode"/> when the scenario names an assembly) initialized from the seed, the honest training
    /// options, and <paramref name="pool"/>. Every process that builds it from the same scenario gets the same
    /// partition and initial model, which is what lets a cluster run reproduce the simulation.
    /// </summary>
    internal static SimulationNode CreateNode(Scenario scenario, LearningSettings learning, ModelCode? modelCode, TrainerPool pool)
    {
        var seed = (ulong)scenario.Seed;
        var data = DatasetCatalog.Load(scenario.Data.Set, learning.DataCache, seed, scenario.Data.SyntheticAlpha, scenario.Data.SyntheticBeta, scenario.Federation.Clients);
        var partition = data.NaturalPartition is { } natural && natural.ClientCount == scenario.Federation.Clients
            ? natural
            : Partitioner.Split(data.Train, scenario.Federation.Clients, new PartitionSpec(PartitionSpec.ParseScheme(scenario.Data.Partition.Scheme), scenario.Data.Partition.Alpha, scenario.Data.Partition.Sigma), seed);
        return CreateNode(scenario, data, partition, modelCode, pool);
    }

    /// <summary>
    /// The node of <paramref name="scenario"/> over <paramref name="data"/> split by <paramref name="partition"/> (a
    /// cluster client with its own data directory): the model built for the data's sample shape and classes and
    /// initialized from the seed, the honest training options, and <paramref name="pool"/>.
    /// </summary>
    internal static SimulationNode CreateNode(Scenario scenario, DataSplit data, Partition partition, ModelCode? modelCode, TrainerPool pool)
    {
        var seed = (ulong)scenario.Seed;
        var spec = modelCode?.Define(data.Train.SampleShape, data.Train.Classes) ?? ModelFactory.Create(scenario.Model, data.Train.SampleShape, data.Train.Classes);
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
        return new SimulationNode(data, partition, spec, pool, training, spec.InitializeParameters(seed));
    }
}
