using FedActors.Learning.Randomness;
using FedActors.Learning.Tensors;

namespace FedActors.Learning.Layers;

/// <summary>
/// Max pooling over non-overlapping size×size windows of NHWC images (stride = size; trailing rows
/// or columns that do not fill a window are dropped). The gradient flows to the first maximum of each window.
/// </summary>
public sealed class MaxPool2DLayer : Layer
{
    private readonly int _size;
    private int[] _argmax = [];

    /// <summary>Creates the layer for [height, width, channels] inputs.</summary>
    /// <exception cref="ArgumentException">The input is not rank 3 or smaller than the window.</exception>
    public MaxPool2DLayer(TensorShape inputShape, int size)
        : base(inputShape, OutputShapeOf(inputShape, size))
    {
        _size = size;
    }

    /// <inheritdoc />
    public override void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, int batch, SeededRandom? training)
    {
        int h = InputShape[0], w = InputShape[1], c = InputShape[2];
        int oh = OutputShape[0], ow = OutputShape[1];
        var outLength = batch * OutputShape.Size;
        if (_argmax.Length < outLength)
        {
            _argmax = new int[outLength];
        }
        var o = 0;
        for (var n = 0; n < batch; n++)
        {
            var imageBase = n * h * w * c;
            for (var oy = 0; oy < oh; oy++)
            {
                for (var ox = 0; ox < ow; ox++, o += c)
                {
                    var first = imageBase + (oy * _size * w + ox * _size) * c;
                    input.Slice(first, c).CopyTo(output.Slice(o, c));
                    for (var ch = 0; ch < c; ch++)
                    {
                        _argmax[o + ch] = first + ch;
                    }
                    for (var dy = 0; dy < _size; dy++)
                    {
                        for (var dx = 0; dx < _size; dx++)
                        {
                            if (dy == 0 && dx == 0)
                            {
                                continue;
                            }
                            var at = imageBase + ((oy * _size + dy) * w + ox * _size + dx) * c;
                            for (var ch = 0; ch < c; ch++)
                            {
                                var v = input[at + ch];
                                if (v > output[o + ch])
                                {
                                    output[o + ch] = v;
                                    _argmax[o + ch] = at + ch;
                                }
                            }
                        }
                    }
                }
            }
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
        inputGradient[..(batch * InputShape.Size)].Clear();
        var outLength = batch * OutputShape.Size;
        for (var o = 0; o < outLength; o++)
        {
            inputGradient[_argmax[o]] += outputGradient[o];
        }
    }

    private static TensorShape OutputShapeOf(TensorShape input, int size)
    {
        if (input.Rank != 3)
        {
            throw new ArgumentException($"MaxPool2D needs [height, width, channels] inputs, got {input}.", nameof(input));
        }
        if (size <= 0 || input[0] < size || input[1] < size)
        {
            throw new ArgumentException($"MaxPool2D window {size} does not fit input {input}.", nameof(size));
        }
        return new TensorShape(input[0] / size, input[1] / size, input[2]);
    }
}
