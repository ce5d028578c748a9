using FedActors.Learning.Attacks;
using FedActors.Learning.Kernels.Managed;
using FedActors.Learning.Models;
using FedActors.Learning.Randomness;
using FedActors.Learning.Tensors;
using FedActors.Learning.Training;
using Xunit;

namespace FedActors.Learning.Tests.Attacks;

public sealed class BackdoorTests
{
    [Fact]
    public void The_trigger_is_a_checkerboard_in_the_bottom_right_corner_one_pixel_from_the_border()
    {
        var shape = new TensorShape(6, 6, 1);
        var sample = new float[36];
        sample.AsSpan().Fill(0.5f);
        new PixelPatternTrigger(size: 2, value: 1f).Stamp(sample, shape);
        Assert.Equal(1f, sample[3 * 6 + 3]);
        Assert.Equal(0f, sample[3 * 6 + 4]);
        Assert.Equal(0f, sample[4 * 6 + 3]);
        Assert.Equal(1f, sample[4 * 6 + 4]);
        Assert.Equal(0.5f, sample[5 * 6 + 5]);
        Assert.Equal(32 * 0.5f + 2f, sample.Sum());
    }

    [Fact]
    public void Flat_samples_cannot_carry_a_pixel_trigger() =>
        Assert.Throws<ArgumentException>(() => new PixelPatternTrigger().Stamp(new float[30], new TensorShape(30)));

    [Fact]
    public void Poisoning_relabels_exactly_the_given_fraction_of_the_batch_and_stamps_those_samples()
    {
        var shape = new TensorShape(6, 6, 1);
        var features = new float[20 * 36];
        var labels = Enumerable.Range(0, 20).Select(i => i % 3).ToArray();
        var poisoning = new BackdoorPoisoning(new PixelPatternTrigger(2), target: 9, fraction: 0.25);
        poisoning.Apply(features, labels, 20, shape, new SeededRandom(1));
        var poisoned = Enumerable.Range(0, 20).Where(i => labels[i] == 9).ToArray();
        Assert.Equal(5, poisoned.Length);
        Assert.All(Enumerable.Range(0, 20), i => Assert.Equal(labels[i] == 9, features.AsSpan(i * 36, 36).IndexOfAnyExcept(0f) >= 0));
    }

    [Fact]
    public void Training_with_poisoned_batches_plants_a_backdoor_that_the_success_rate_measures()
    {
        var spec = ModelSpec.LogReg(new TensorShape(8, 8, 1), 4);
        var train = TinyData.Bands(400, 4, 8, seed: 1);
        var test = TinyData.Bands(100, 4, 8, seed: 2);
        var trigger = new PixelPatternTrigger(3);
        var trainer = new Trainer(spec, ManagedGemm.Instance);
        var options = new TrainingOptions { Epochs = 8, BatchSize = 10, LearningRate = 0.5f };
        var indices = Enumerable.Range(0, 400).ToArray();

        var clean = Model.Create(spec, 1);
        var delta = new float[spec.ParameterCount];
        trainer.Train(clean.Parameters, delta, train, indices, options, 2);
        clean.AddScaled(1f, delta);

        var backdoored = Model.Create(spec, 1);
        trainer.Train(backdoored.Parameters, delta, train, indices, options, 2, new BackdoorPoisoning(trigger, target: 0, fraction: 0.3));
        backdoored.AddScaled(1f, delta);

        var cleanSuccess = BackdoorEvaluation.SuccessRate(trainer, clean.Parameters, test, trigger, target: 0);
        var backdoorSuccess = BackdoorEvaluation.SuccessRate(trainer, backdoored.Parameters, test, trigger, target: 0);
        Assert.True(cleanSuccess < 0.3, $"clean model: {cleanSuccess}");
        Assert.True(backdoorSuccess > 0.8, $"backdoored model: {backdoorSuccess}");
        Assert.True(trainer.Evaluate(backdoored.Parameters, test).Accuracy > 0.8);
    }
}
