using FedActors.Learning.Kernels.Managed;
using FedActors.Learning.Layers;
using FedActors.Learning.Randomness;
using FedActors.Learning.Tensors;
using Xunit;

namespace FedActors.Learning.Tests.Layers;

/// <summary>
/// Each layer's backward pass against central finite differences of L = Σ output · R (R random),
/// evaluated in double from the float forward pass.
/// </summary>
public sealed class LayerGradientTests
{
    private const int Batch = 3;

    [Fact]
    public void Dense_gradients_match_finite_differences() =>
        Check(new DenseLayer(new TensorShape(7), 5, ManagedGemm.Instance), eps: 1e-2f);

    [Fact]
    public void Conv2D_same_padding_gradients_match_finite_differences() =>
        Check(new Conv2DLayer(new TensorShape(6, 5, 2), 3, 3, Padding.Same, ManagedGemm.Instance), eps: 1e-2f);

    [Fact]
    public void Conv2D_valid_padding_gradients_match_finite_differences() =>
        Check(new Conv2DLayer(new TensorShape(6, 6, 3), 2, 5, Padding.Valid, ManagedGemm.Instance), eps: 1e-2f);

    [Fact]
    public void Relu_gradients_match_finite_differences() =>
        Check(new ReluLayer(new TensorShape(4, 3)), eps: 1e-3f);

    [Fact]
    public void MaxPool2D_gradients_match_finite_differences() =>
        Check(new MaxPool2DLayer(new TensorShape(4, 6, 2), 2), eps: 1e-3f);

    [Fact]
    public void MaxPool2D_vectorized_channels_gradients_match_finite_differences() =>
        Check(new MaxPool2DLayer(new TensorShape(4, 4, 9), 2), eps: 1e-3f);

    [Fact]
    public void MaxPool2D_picks_the_window_maximum_per_channel()
    {
        var layer = new MaxPool2DLayer(new TensorShape(2, 2, 8), 2);
        var input = new float[32];
        for (var p = 0; p < 4; p++)
        {
            for (var c = 0; c < 8; c++)
            {
                input[p * 8 + c] = (p + c) % 4;
            }
        }
        var output = new float[8];
        layer.Forward([], input, output, 1, null);
        Assert.All(output, v => Assert.Equal(3f, v));
        var gradient = new float[32];
        layer.Backward([], input, output, Enumerable.Repeat(1f, 8).ToArray(), gradient, [], 1);
        Assert.Equal(8f, gradient.Sum());
        Assert.All(Enumerable.Range(0, 32).Where(i => gradient[i] != 0), i => Assert.Equal(3f, input[i]));
    }

    [Fact]
    public void Flatten_gradients_match_finite_differences() =>
        Check(new FlattenLayer(new TensorShape(2, 3, 2)), eps: 1e-2f);

    [Fact]
    public void Dropout_gradients_match_finite_differences_for_a_fixed_mask()
    {
        // The mask is redrawn on every training forward, so differences are taken at inference
        // (identity) and the training mask is checked to scale survivors and zero the rest.
        var layer = new DropoutLayer(new TensorShape(50), 0.5f);
        Check(layer, eps: 1e-2f);
        var input = Enumerable.Repeat(1f, 50).ToArray();
        var output = new float[50];
        layer.Forward([], input, output, 1, new SeededRandom(1));
        Assert.All(output, v => Assert.True(v == 0f || v == 2f));
        Assert.Contains(0f, output);
        Assert.Contains(2f, output);
        var gradient = new float[50];
        layer.Backward([], input, output, Enumerable.Repeat(1f, 50).ToArray(), gradient, [], 1);
        Assert.Equal(output, gradient);
    }

    [Fact]
    public void Softmax_cross_entropy_gradient_matches_finite_differences()
    {
        var random = new SeededRandom(2);
        const int Classes = 4;
        var logits = Enumerable.Range(0, Batch * Classes).Select(_ => random.NextUniform(-2, 2)).ToArray();
        int[] labels = [0, 3, 1];
        var gradient = new float[logits.Length];
        SoftmaxCrossEntropy.Compute(logits, labels, Batch, Classes, gradient);
        for (var i = 0; i < logits.Length; i++)
        {
            var saved = logits[i];
            logits[i] = saved + 1e-2f;
            double plus = SoftmaxCrossEntropy.Compute(logits, labels, Batch, Classes, []);
            logits[i] = saved - 1e-2f;
            double minus = SoftmaxCrossEntropy.Compute(logits, labels, Batch, Classes, []);
            logits[i] = saved;
            Assert.Equal((plus - minus) / 2e-2, gradient[i], 3);
        }
    }

    [Fact]
    public void Softmax_cross_entropy_is_stable_for_huge_logits()
    {
        var loss = SoftmaxCrossEntropy.Compute([1000f, 0f, -1000f], [0], 1, 3, []);
        Assert.Equal(0f, loss, 5);
    }

    private static void Check(Layer layer, float eps)
    {
        var random = new SeededRandom(42);
        var parameters = new float[layer.ParameterCount];
        layer.InitializeParameters(parameters, random);
        var inSize = layer.InputShape.Size * Batch;
        var outSize = layer.OutputShape.Size * Batch;
        // Inputs at least 0.05 away from 0 and from each other keep ReLU and max-pool kinks beyond eps.
        var input = Enumerable.Range(0, inSize).Select(i => (random.NextDouble() < 0.5 ? -1 : 1) * (0.05f + 0.01f * ((i * 37) % inSize))).ToArray();
        random.Shuffle(input.AsSpan());
        var weights = Enumerable.Range(0, outSize).Select(_ => random.NextUniform(-1, 1)).ToArray();
        var output = new float[outSize];
        layer.Forward(parameters, input, output, Batch, null);
        var inputGradient = new float[inSize];
        var parameterGradient = new float[parameters.Length];
        layer.Backward(parameters, input, output, weights, inputGradient, parameterGradient, Batch);

        double Loss()
        {
            var y = new float[outSize];
            layer.Forward(parameters, input, y, Batch, null);
            double sum = 0;
            for (var i = 0; i < outSize; i++)
            {
                sum += (double)y[i] * weights[i];
            }
            return sum;
        }

        void Compare(float[] values, float[] analytic, string what)
        {
            for (var i = 0; i < values.Length; i++)
            {
                var saved = values[i];
                values[i] = saved + eps;
                var plus = Loss();
                values[i] = saved - eps;
                var minus = Loss();
                values[i] = saved;
                var numeric = (plus - minus) / (2.0 * eps);
                var tolerance = 2e-3 + 1e-2 * Math.Abs(numeric);
                Assert.True(Math.Abs(numeric - analytic[i]) <= tolerance, $"{layer}: d/d{what}[{i}] analytic {analytic[i]} numeric {numeric}");
            }
        }

        Compare(parameters, parameterGradient, "parameter");
        Compare(input, inputGradient, "input");
    }
}
