using FedActors.Learning.Randomness;
using FedActors.Learning.Tensors;

namespace FedActors.Learning.Layers;

/// <summary>
/// Inverted dropout: in training each element is zeroed with probability <see cref="Rate"/> and the
/// survivors scaled by 1/(1−rate), so inference is the identity. The mask comes from the trainer's
/// seeded random, so training stays reproducible.
/// </summary>
public sealed class DropoutLayer : Layer
{
    private float[] _mask = [];
    private bool _masked;

    /// <summary>Creates the layer with drop probability <paramref name="rate"/> in [0, 1).</summary>
    public DropoutLayer(TensorShape shape, float rate)
        : base(shape, shape)
    {
        if (!(rate >= 0 && rate < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), $"Dropout rate must be in [0, 1), was {rate}.");
        }
        Rate = rate;
    }

    /// <summary>The probability of dropping an element in training.</summary>
    public float Rate { get; }

    /// <inheritdoc />
    public override void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, int batch, SeededRandom? training)
    {
        var length = batch * InputShape.Size;
        _masked = training is not null && Rate > 0;
        if (!_masked)
        {
            input[..length].CopyTo(output);
            return;
        }
        if (_mask.Length < length)
        {
            _mask = new float[length];
        }
        var keep = 1f / (1f - Rate);
        for (var i = 0; i < length; i++)
        {
            _mask[i] = training!.NextDouble() < Rate ? 0f : keep;
            output[i] = input[i] * _mask[i];
        }
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
        if (!_masked)
        {
            outputGradient[..length].CopyTo(inputGradient);
            return;
        }
        for (var i = 0; i < length; i++)
        {
            inputGradient[i] = outputGradient[i] * _mask[i];
        }
    }
}
