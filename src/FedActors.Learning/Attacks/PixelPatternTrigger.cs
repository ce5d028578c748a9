using FedActors.Learning.Randomness;
using FedActors.Learning.Tensors;
using FedActors.Learning.Training;

namespace FedActors.Learning.Attacks;

/// <summary>
/// A BadNets-style backdoor trigger (Gu et al. 2017): a size×size checkerboard of
/// <see cref="Value"/> and 0 stamped into the bottom-right corner of every channel, one pixel in from
/// the border. As an <see cref="IBatchTransform"/> it stamps every sample and keeps the labels, which is
/// what measuring backdoor success needs; <see cref="BackdoorPoisoning"/> stamps and relabels for training.
/// </summary>
public sealed class PixelPatternTrigger : IBatchTransform
{
    /// <summary>Creates a trigger of side <paramref name="size"/> (default 4) with bright value <paramref name="value"/> (default 1, white).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The size is not positive.</exception>
    public PixelPatternTrigger(int size = 4, float value = 1f)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        Size = size;
        Value = value;
    }

    /// <summary>Side of the square pattern, in pixels.</summary>
    public int Size { get; }

    /// <summary>Intensity of the pattern's bright pixels.</summary>
    public float Value { get; }

    /// <summary>Stamps the pattern into one sample of shape [height, width, channels].</summary>
    /// <exception cref="ArgumentException">The shape is not an image or is too small for the pattern.</exception>
    public void Stamp(Span<float> sample, TensorShape shape)
    {
        if (shape.Rank != 3 || shape[0] < Size + 1 || shape[1] < Size + 1)
        {
            throw new ArgumentException($"A {Size}×{Size} pixel-pattern trigger needs images of at least [{Size + 1}, {Size + 1}, channels]; samples have shape {shape}.", nameof(shape));
        }
        int height = shape[0], width = shape[1], channels = shape[2];
        var top = height - 1 - Size;
        var left = width - 1 - Size;
        for (var r = 0; r < Size; r++)
        {
            for (var c = 0; c < Size; c++)
            {
                var value = (r + c) % 2 == 0 ? Value : 0f;
                var at = ((top + r) * width + left + c) * channels;
                sample.Slice(at, channels).Fill(value);
            }
        }
    }

    /// <summary>Stamps every sample of the batch; labels are left unchanged.</summary>
    public void Apply(Span<float> features, Span<int> labels, int count, TensorShape sampleShape, SeededRandom random)
    {
        var size = sampleShape.Size;
        for (var i = 0; i < count; i++)
        {
            Stamp(features.Slice(i * size, size), sampleShape);
        }
    }
}
