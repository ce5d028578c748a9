using FedActors.Learning.Randomness;
using FedActors.Learning.Tensors;

namespace FedActors.Learning.Layers;

/// <summary>Reinterprets each sample as a vector; the data is copied unchanged (row-major order is kept).</summary>
public sealed class FlattenLayer : Layer
{
    /// <summary>Creates the layer; the output is a vector of the input's size.</summary>
    public FlattenLayer(TensorShape inputShape)
        : base(inputShape, new TensorShape(inputShape.Size))
    {
    }

    /// <inheritdoc />
    public override void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, int batch, SeededRandom? training) =>
        input[..(batch * InputShape.Size)].CopyTo(output);

    /// <inheritdoc />
    public override void Backward(
        ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> output,
        ReadOnlySpan<float> outputGradient, Span<float> inputGradient, Span<float> parameterGradient, int batch)
    {
        if (!inputGradient.IsEmpty)
        {
            outputGradient[..(batch * InputShape.Size)].CopyTo(inputGradient);
        }
    }
}
