using FedActors.Federation.Metrics;
using FedActors.Federation.Scenarios;
using FedActors.Federation.Simulation;
using FedActors.Federation.Tests.Adversaries;
using FedActors.Learning.Models;
using FedActors.Learning.Tensors;

namespace FedActors.Federation.Tests.Simulation;

public sealed class ModelFactoryTests
{
    private const string Layers = "model { type = layers, layers = [{ type = dense, units = 16 }, { type = relu }, { type = dropout, rate = 0.1 }, { type = dense, units = 10 }] }";

    [Fact]
    public void A_layer_list_becomes_the_same_layers_in_order()
    {
        var model = TinyFederation.Synthetic("unused", Layers).Model;
        var spec = ModelFactory.Create(model, new TensorShape(60), 10);
        Assert.Equal([typeof(DenseSpec), typeof(ReluSpec), typeof(DropoutSpec), typeof(DenseSpec)], spec.Layers.Select(l => l.GetType()));
        Assert.Equal(60 * 16 + 16 + 16 * 10 + 10, spec.ParameterCount);
    }

    [Fact]
    public void Named_models_are_built_by_name()
    {
        var spec = ModelFactory.Create(new ModelSettings("mlp", [8], []), new TensorShape(60), 10);
        Assert.Equal(60 * 8 + 8 + 8 * 10 + 10, spec.ParameterCount);
    }

    [Fact]
    public async Task A_scenario_with_a_layer_list_model_runs_every_round_above_chance()
    {
        var metrics = await TinyFederation.RunSyntheticAsync(Layers);
        Assert.All(metrics.Rounds, r => Assert.Equal(RoundStatus.Completed, r.Status));
        Assert.True(metrics.Rounds[^1].TestAccuracy > 0.1, $"accuracy {metrics.Rounds[^1].TestAccuracy} is not above chance");
    }
}
