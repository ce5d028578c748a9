using FedActors.Learning.Kernels.Managed;
using FedActors.Learning.Layers;
using FedActors.Learning.Models;
using FedActors.Learning.Randomness;
using FedActors.Learning.Tensors;
using Xunit;

namespace FedActors.Learning.Tests.Models;

public sealed class ModelSpecTests
{
    private static readonly TensorShape Mnist = new(28, 28, 1);

    [Fact]
    public void Mlp_200_200_on_mnist_is_McMahans_2NN_with_199210_parameters() =>
        Assert.Equal(199_210, ModelSpec.Mlp(Mnist, 10, [200, 200]).ParameterCount);

    [Fact]
    public void Cnn_mcmahan_on_mnist_has_1663370_parameters() =>
        Assert.Equal(1_663_370, ModelSpec.CnnMcMahan(Mnist, 10).ParameterCount);

    [Fact]
    public void Logreg_on_mnist_has_7850_parameters() =>
        Assert.Equal(7_850, ModelSpec.LogReg(Mnist, 10).ParameterCount);

    [Fact]
    public void Same_seed_gives_bit_identical_parameters_and_another_seed_differs()
    {
        var spec = ModelSpec.CnnMcMahan(Mnist, 10);
        var a = spec.InitializeParameters(7);
        var b = spec.InitializeParameters(7);
        var c = spec.InitializeParameters(8);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.Equal(Model.Create(spec, 7).ComputeHash(), new Model(spec, b).ComputeHash());
    }

    [Fact]
    public void A_layer_list_whose_output_is_not_the_class_count_is_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            ModelSpec.FromLayers("bad", Mnist, 10, [new FlattenSpec(), new DenseSpec(7)]));
        Assert.Contains("10 classes", ex.Message);
    }

    [Fact]
    public void A_convolution_on_flat_input_is_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            ModelSpec.FromLayers("bad", new TensorShape(30), 2, [new Conv2DSpec(4, 3), new FlattenSpec(), new DenseSpec(2)]));
        Assert.Contains("[height, width, channels]", ex.Message);
    }

    [Fact]
    public void Whole_network_gradient_matches_finite_differences_of_the_loss()
    {
        var spec = ModelSpec.FromLayers("small-cnn", new TensorShape(6, 6, 1), 3,
        [
            new Conv2DSpec(2, 3), new ReluSpec(), new MaxPool2DSpec(2),
            new Conv2DSpec(3, 3, Padding.Valid), new ReluSpec(), new FlattenSpec(), new DenseSpec(3),
        ]);
        var network = spec.Build(ManagedGemm.Instance);
        var parameters = spec.InitializeParameters(3);
        var random = new SeededRandom(4);
        const int Batch = 2;
        var input = Enumerable.Range(0, Batch * 36).Select(_ => random.NextUniform(0, 1)).ToArray();
        int[] labels = [1, 2];
        var logits = network.Forward(parameters, input, Batch, null).ToArray();
        var dLogits = new float[logits.Length];
        SoftmaxCrossEntropy.Compute(logits, labels, Batch, 3, dLogits);
        var gradients = new float[parameters.Length];
        network.Backward(parameters, input, dLogits, Batch, gradients);

        const float Eps = 1e-3f;
        var checkedCount = 0;
        for (var i = 0; i < parameters.Length; i++)
        {
            var saved = parameters[i];
            parameters[i] = saved + Eps;
            double plus = SoftmaxCrossEntropy.Compute(network.Forward(parameters, input, Batch, null), labels, Batch, 3, []);
            parameters[i] = saved - Eps;
            double minus = SoftmaxCrossEntropy.Compute(network.Forward(parameters, input, Batch, null), labels, Batch, 3, []);
            parameters[i] = saved;
            var numeric = (plus - minus) / (2 * Eps);
            Assert.True(Math.Abs(numeric - gradients[i]) <= 2e-3 + 2e-2 * Math.Abs(numeric), $"parameter {i}: analytic {gradients[i]} numeric {numeric}");
            checkedCount++;
        }
        Assert.Equal(spec.ParameterCount, checkedCount);
    }
}
