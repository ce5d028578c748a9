using FedActors.Learning.Kernels.Managed;
using FedActors.Learning.Models;
using FedActors.Learning.Tensors;
using FedActors.Learning.Training;
using Xunit;

namespace FedActors.Learning.Tests.Training;

public sealed class TrainerTests
{
    private static readonly ModelSpec Mlp = ModelSpec.Mlp(new TensorShape(8, 8, 1), 4, [16]);
    private static readonly TrainingOptions Options = new() { Epochs = 3, BatchSize = 8, LearningRate = 0.2f };

    [Fact]
    public void Training_raises_accuracy_on_separable_data()
    {
        var train = TinyData.Bands(160, 4, 8, seed: 1);
        var test = TinyData.Bands(80, 4, 8, seed: 2);
        var trainer = new Trainer(Mlp, ManagedGemm.Instance);
        var model = Model.Create(Mlp, 3);
        var before = trainer.Evaluate(model.Parameters, test);
        var delta = new float[Mlp.ParameterCount];
        var result = trainer.Train(model.Parameters, delta, train, Enumerable.Range(0, 160).ToArray(), Options, seed: 4);
        model.AddScaled(1f, delta);
        var after = trainer.Evaluate(model.Parameters, test);
        Assert.Equal(160, result.Samples);
        Assert.Equal(3 * 20, result.Steps);
        Assert.True(after.Accuracy > 0.95, $"accuracy {after.Accuracy}");
        Assert.True(after.Loss < before.Loss);
    }

    [Fact]
    public void Same_seed_gives_a_bit_identical_update_and_another_seed_does_not()
    {
        var data = TinyData.Bands(64, 4, 8, seed: 1);
        var start = Mlp.InitializeParameters(1);
        var indices = Enumerable.Range(0, 64).ToArray();
        float[] Run(Trainer trainer, ulong seed)
        {
            var delta = new float[Mlp.ParameterCount];
            trainer.Train(start, delta, data, indices, Options, seed);
            return delta;
        }
        var first = new Trainer(Mlp, ManagedGemm.Instance);
        var a = Run(first, 9);
        var b = Run(new Trainer(Mlp, ManagedGemm.Instance), 9);
        var again = Run(first, 9);
        Assert.Equal(a, b);
        Assert.Equal(a, again);
        Assert.NotEqual(a, Run(first, 10));
        Assert.Equal(Mlp.InitializeParameters(1), start);
    }

    [Fact]
    public void Splitting_the_batch_over_two_replicas_gives_the_same_update_within_rounding()
    {
        var data = TinyData.Bands(64, 4, 8, seed: 1);
        var start = Mlp.InitializeParameters(1);
        var indices = Enumerable.Range(0, 64).ToArray();
        var serial = new float[Mlp.ParameterCount];
        var parallel = new float[Mlp.ParameterCount];
        new Trainer(Mlp, ManagedGemm.Instance).Train(start, serial, data, indices, Options, 5);
        new Trainer(Mlp, ManagedGemm.Instance, parallelism: 2).Train(start, parallel, data, indices, Options, 5);
        for (var i = 0; i < serial.Length; i++)
        {
            Assert.True(Math.Abs(serial[i] - parallel[i]) < 1e-4f, $"parameter {i}: {serial[i]} vs {parallel[i]}");
        }
    }

    [Fact]
    public void Parallel_evaluation_counts_every_sample_once()
    {
        var data = TinyData.Bands(77, 4, 8, seed: 1);
        var parameters = Mlp.InitializeParameters(2);
        var serial = new Trainer(Mlp, ManagedGemm.Instance).Evaluate(parameters, data, batchSize: 10);
        var parallel = new Trainer(Mlp, ManagedGemm.Instance, parallelism: 2).Evaluate(parameters, data, batchSize: 10);
        Assert.Equal(77, parallel.Count);
        Assert.Equal(serial.ConfusionMatrix.ToArray(), parallel.ConfusionMatrix.ToArray());
        Assert.Equal(serial.Loss, parallel.Loss, 5);
    }

    [Fact]
    public void Full_batch_takes_one_step_per_epoch()
    {
        var data = TinyData.Bands(30, 4, 8, seed: 1);
        var delta = new float[Mlp.ParameterCount];
        var result = new Trainer(Mlp, ManagedGemm.Instance).Train(Mlp.InitializeParameters(1), delta, data, Enumerable.Range(0, 30).ToArray(), Options with { BatchSize = 0 }, 1);
        Assert.Equal(3, result.Steps);
    }

    [Fact]
    public void Adam_and_momentum_sgd_also_learn()
    {
        var train = TinyData.Bands(160, 4, 8, seed: 1);
        var indices = Enumerable.Range(0, 160).ToArray();
        foreach (var options in new[]
        {
            Options with { Optimizer = OptimizerKind.Adam, LearningRate = 0.01f },
            Options with { Momentum = 0.9f, LearningRate = 0.05f, WeightDecay = 1e-4f },
        })
        {
            var trainer = new Trainer(Mlp, ManagedGemm.Instance);
            var model = Model.Create(Mlp, 3);
            var delta = new float[Mlp.ParameterCount];
            trainer.Train(model.Parameters, delta, train, indices, options, 4);
            model.AddScaled(1f, delta);
            Assert.True(trainer.Evaluate(model.Parameters, train).Accuracy > 0.95, options.ToString());
        }
    }

    [Fact]
    public void A_proximal_term_keeps_the_update_smaller()
    {
        var data = TinyData.Bands(64, 4, 8, seed: 1);
        var start = Mlp.InitializeParameters(1);
        var indices = Enumerable.Range(0, 64).ToArray();
        var plain = new float[Mlp.ParameterCount];
        var prox = new float[Mlp.ParameterCount];
        var trainer = new Trainer(Mlp, ManagedGemm.Instance);
        trainer.Train(start, plain, data, indices, Options with { Epochs = 5 }, 1);
        trainer.Train(start, prox, data, indices, Options with { Epochs = 5, ProximalMu = 1f }, 1);
        Assert.True(Norm(prox) < Norm(plain), $"{Norm(prox)} vs {Norm(plain)}");
    }

    [Fact]
    public void Data_that_does_not_fit_the_model_is_rejected()
    {
        var data = TinyData.Bands(10, 4, 6, seed: 1);
        var ex = Assert.Throws<ArgumentException>(() =>
            new Trainer(Mlp, ManagedGemm.Instance).Train(Mlp.InitializeParameters(1), new float[Mlp.ParameterCount], data, [0, 1], Options, 1));
        Assert.Contains("does not fit model", ex.Message);
    }

    [Fact]
    public void Invalid_options_name_the_scenario_key()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => (Options with { BatchSize = -1 }).Validate());
        Assert.Contains("training.batch-size must be >= 0", ex.Message);
        Assert.Contains("was -1", ex.Message);
    }

    private static double Norm(float[] v) => Math.Sqrt(v.Sum(x => (double)x * x));
}
