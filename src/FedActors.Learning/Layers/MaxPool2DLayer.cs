using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using FedActors.Learning.Randomness;
using FedActors.Learning.Tensors;

namespace FedActors.Learning.Layers;

/// <summary>
/// Max pooling over non-overlapping size×size windows of NHWC images (stride = size; trailing rows
/// or columns that do not fill a window are dropped). The gradient flows to the first maximum of each window.
/// </summary>
public sealed class MaxPool2DLayer : Layer
{
    private static readonly Vector256<int> Lanes = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);

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
                    var ch = 0;
                    // Eight channels at a time: keep the running maximum and where it came from, taking
                    // a later position only when strictly greater (the scalar rule: first maximum wins).
                    for (; ch <= c - Vector256<float>.Count; ch += Vector256<float>.Count)
                    {
                        var best = Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(input), (nuint)(first + ch));
                        var where = Vector256.Create(first + ch) + Lanes;
                        for (var dy = 0; dy < _size; dy++)
                        {
                            for (var dx = dy == 0 ? 1 : 0; dx < _size; dx++)
                            {
                                var at = imageBase + ((oy * _size + dy) * w + ox * _size + dx) * c + ch;
                                var v = Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(input), (nuint)at);
                                var greater = Vector256.GreaterThan(v, best);
                                best = Vector256.ConditionalSelect(greater, v, best);
                                where = Vector256.ConditionalSelect(greater.AsInt32(), Vector256.Create(at) + Lanes, where);
                            }
                        }
                        best.StoreUnsafe(ref MemoryMarshal.GetReference(output), (nuint)(o + ch));
                        where.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(_argmax), (nuint)(o + ch));
                    }
                    for (; ch < c; ch++)
                    {
                        var bestAt = first + ch;
                        var best = input[bestAt];
                        for (var dy = 0; dy < _size; dy++)
                        {
                            for (var dx = dy == 0 ? 1 : 0; dx < _size; dx++)
                            {
                                var at = imageBase + ((oy * _size + dy) * w + ox * _size + dx) * c + ch;
                                if (input[at] > best)
                                {
                                    best = input[at];
                                    bestAt = at;
                                }
                            }
                        }
                        output[o + ch] = best;
                        _argmax[o + ch] = bestAt;
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
