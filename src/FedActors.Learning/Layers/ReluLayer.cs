using System.Numerics;
using System.Numerics.Tensors;
using FedActors.Learning.Randomness;
using FedActors.Learning.Tensors;

namespace FedActors.Learning.Layers;

/// <summary>Rectified linear unit, <c>y = max(x, 0)</c>, elementwise; the gradient at 0 is taken as 0.</summary>
public sealed class ReluLayer : Layer
{
    /// <summary>Creates the layer; the output has the input's shape.</summary>
    public ReluLayer(TensorShape shape)
        : base(shape, shape)
    {
    }

    /// <inheritdoc />
    public override void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, int batch, SeededRandom? training)
    {
        var length = batch * InputShape.Size;
        TensorPrimitives.Max(input[..length], 0f, output[..length]);
    }

    /// <inheritdoc />
    public override void Backward(
        ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> output,
        ReadOnlySpan<float> outputGradient, Span<float> inputGradient, Span<float> parameterGradient, int batch)
    {
        if (inputGradient.IsEmpty)
        {
            return;
        }
        var length = batch * InputShape.Size;
        var i = 0;
        for (; i <= length - Vector<float>.Count; i += Vector<float>.Count)
        {
            var active = Vector.GreaterThan(new Vector<float>(output[i..]), Vector<float>.Zero);
            Vector.BitwiseAnd(new Vector<float>(outputGradient[i..]), active.As<int, float>()).CopyTo(inputGradient[i..]);
        }
        for (; i < length; i++)
        {
            inputGradient[i] = output[i] > 0 ? outputGradient[i] : 0f;
        }
    }
}
