using System.Numerics.Tensors;
using FedActors.Learning.Kernels;
using FedActors.Learning.Kernels.Gemm;
using FedActors.Learning.Randomness;
using FedActors.Learning.Tensors;

namespace FedActors.Learning.Layers;

/// <summary>
/// Stride-1 2-D convolution on NHWC images by im2col + GEMM over the whole mini-batch. Parameters:
/// the filters (filters × kernel × kernel × channels) then one bias per filter; initialised uniform
/// in ±1/√(kernel²·channels). Large batches are processed in chunks so the patch buffer stays
/// bounded (about 16 MB); the buffer belongs to this layer instance, i.e. to the trainer worker.
/// When the batch fits one chunk, the backward pass reuses the forward pass's patches.
/// </summary>
public sealed class Conv2DLayer : Layer
{
    private const int MaxColumnFloats = 4 * 1024 * 1024;

    private readonly IGemm _gemm;
    private readonly int _height;
    private readonly int _width;
    private readonly int _channels;
    private readonly int _filters;
    private readonly int _kernel;
    private readonly int _padding;
    private readonly int _outHeight;
    private readonly int _outWidth;
    private readonly int _patch;
    private readonly int _chunk;
    private float[] _columns = [];
    private int _cachedBatch;

    /// <summary>Creates a convolution of <paramref name="filters"/> square kernels of side <paramref name="kernel"/> over [height, width, channels] inputs.</summary>
    /// <exception cref="ArgumentException">The input is not rank 3, or the kernel does not fit.</exception>
    public Conv2DLayer(TensorShape inputShape, int filters, int kernel, Padding padding, IGemm gemm)
        : base(inputShape, OutputShapeOf(inputShape, filters, kernel, padding))
    {
        _gemm = gemm;
        _height = inputShape[0];
        _width = inputShape[1];
        _channels = inputShape[2];
        _filters = filters;
        _kernel = kernel;
        _padding = padding == Padding.Same ? (kernel - 1) / 2 : 0;
        _outHeight = OutputShape[0];
        _outWidth = OutputShape[1];
        _patch = kernel * kernel * _channels;
        _chunk = Math.Max(1, MaxColumnFloats / (_outHeight * _outWidth * _patch));
    }

    /// <inheritdoc />
    public override int ParameterCount => _filters * _patch + _filters;

    /// <inheritdoc />
    public override void InitializeParameters(Span<float> parameters, SeededRandom random)
    {
        var bound = 1f / MathF.Sqrt(_patch);
        foreach (ref var p in parameters)
        {
            p = random.NextUniform(-bound, bound);
        }
    }

    /// <inheritdoc />
    public override void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, int batch, SeededRandom? training)
    {
        var weights = parameters[..(_filters * _patch)];
        var bias = parameters.Slice(_filters * _patch, _filters);
        var inSize = InputShape.Size;
        var outSize = OutputShape.Size;
        var pixels = _outHeight * _outWidth;
        _cachedBatch = batch <= _chunk ? batch : 0;
        for (var start = 0; start < batch; start += _chunk)
        {
            var count = Math.Min(_chunk, batch - start);
            var rows = count * pixels;
            var columns = Columns(rows);
            Im2Col.Expand(input.Slice(start * inSize, count * inSize), count, _height, _width, _channels, _kernel, _padding, _outHeight, _outWidth, columns);
            var y = output.Slice(start * outSize, count * outSize);
            _gemm.Multiply(false, true, rows, _filters, _patch, 1f, columns, _patch, weights, _patch, 0f, y, _filters);
            for (var r = 0; r < rows; r++)
            {
                var row = y.Slice(r * _filters, _filters);
                TensorPrimitives.Add(row, bias, row);
            }
        }
    }

    /// <inheritdoc />
    public override void Backward(
        ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> output,
        ReadOnlySpan<float> outputGradient, Span<float> inputGradient, Span<float> parameterGradient, int batch)
    {
        var weights = parameters[..(_filters * _patch)];
        var weightGradient = parameterGradient[..(_filters * _patch)];
        var biasGradient = parameterGradient.Slice(_filters * _patch, _filters);
        biasGradient.Clear();
        var inSize = InputShape.Size;
        var outSize = OutputShape.Size;
        var pixels = _outHeight * _outWidth;
        for (var start = 0; start < batch; start += _chunk)
        {
            var count = Math.Min(_chunk, batch - start);
            var rows = count * pixels;
            var columns = Columns(rows);
            if (_cachedBatch != batch)
            {
                // Several chunks: the patches are recomputed rather than kept, which bounds memory to one chunk.
                Im2Col.Expand(input.Slice(start * inSize, count * inSize), count, _height, _width, _channels, _kernel, _padding, _outHeight, _outWidth, columns);
            }
            var dy = outputGradient.Slice(start * outSize, count * outSize);
            _gemm.Multiply(true, false, _filters, _patch, rows, 1f, dy, _filters, columns, _patch, start == 0 ? 0f : 1f, weightGradient, _patch);
            for (var r = 0; r < rows; r++)
            {
                TensorPrimitives.Add(biasGradient, dy.Slice(r * _filters, _filters), biasGradient);
            }
            if (inputGradient.IsEmpty)
            {
                continue;
            }
            // The input gradient's patches overwrite the cached forward patches.
            _cachedBatch = 0;
            _gemm.Multiply(false, false, rows, _patch, _filters, 1f, dy, _filters, weights, _patch, 0f, columns, _patch);
            var dx = inputGradient.Slice(start * inSize, count * inSize);
            dx.Clear();
            Im2Col.Fold(columns, count, _height, _width, _channels, _kernel, _padding, _outHeight, _outWidth, dx);
        }
    }

    private Span<float> Columns(int rows)
    {
        var needed = rows * _patch;
        if (_columns.Length < needed)
        {
            _columns = new float[needed];
        }
        return _columns.AsSpan(0, needed);
    }

    private static TensorShape OutputShapeOf(TensorShape input, int filters, int kernel, Padding padding)
    {
        if (input.Rank != 3)
        {
            throw new ArgumentException($"Conv2D needs [height, width, channels] inputs, got {input}.", nameof(input));
        }
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(filters);
        if (kernel <= 0 || (padding == Padding.Same && kernel % 2 == 0))
        {
            throw new ArgumentException($"Conv2D kernel must be > 0 (and odd with 'same' padding), was {kernel}.", nameof(kernel));
        }
        var (h, w) = padding == Padding.Same ? (input[0], input[1]) : (input[0] - kernel + 1, input[1] - kernel + 1);
        if (h <= 0 || w <= 0)
        {
            throw new ArgumentException($"Conv2D kernel {kernel} with 'valid' padding does not fit input {input}.", nameof(kernel));
        }
        return new TensorShape(h, w, filters);
    }
}
