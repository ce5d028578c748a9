using System.Numerics.Tensors;
using FedActors.Learning.Kernels.Gemm;
using FedActors.Learning.Randomness;
using FedActors.Learning.Tensors;

namespace FedActors.Learning.Layers;

/// <summary>
/// Fully connected layer <c>y = x·W + b</c>. Parameters: W (inputs × units, row-major) then b (units).
/// Initialised uniform in ±1/√inputs (PyTorch's default for linear layers).
/// </summary>
public sealed class DenseLayer : Layer
{
    private readonly IGemm _gemm;
    private readonly int _inputs;
    private readonly int _units;

    /// <summary>Creates a layer mapping <paramref name="inputShape"/> (any rank, taken flat) to <paramref name="units"/> outputs.</summary>
    public DenseLayer(TensorShape inputShape, int units, IGemm gemm)
        : base(inputShape, new TensorShape(units))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(units);
        _gemm = gemm;
        _inputs = inputShape.Size;
        _units = units;
    }

    /// <inheritdoc />
    public override int ParameterCount => _inputs * _units + _units;

    /// <inheritdoc />
    public override void InitializeParameters(Span<float> parameters, SeededRandom random)
    {
        var bound = 1f / MathF.Sqrt(_inputs);
        foreach (ref var p in parameters)
        {
            p = random.NextUniform(-bound, bound);
        }
    }

    /// <inheritdoc />
    public override void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, int batch, SeededRandom? training)
    {
        var weights = parameters[..(_inputs * _units)];
        var bias = parameters.Slice(_inputs * _units, _units);
        _gemm.Multiply(false, false, batch, _units, _inputs, 1f, input, _inputs, weights, _units, 0f, output, _units);
        for (var n = 0; n < batch; n++)
        {
            var row = output.Slice(n * _units, _units);
            TensorPrimitives.Add(row, bias, row);
        }
    }

    /// <inheritdoc />
    public override void Backward(
        ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> output,
        ReadOnlySpan<float> outputGradient, Span<float> inputGradient, Span<float> parameterGradient, int batch)
    {
        var weightGradient = parameterGradient[..(_inputs * _units)];
        var biasGradient = parameterGradient.Slice(_inputs * _units, _units);
        _gemm.Multiply(true, false, _inputs, _units, batch, 1f, input, _inputs, outputGradient, _units, 0f, weightGradient, _units);
        biasGradient.Clear();
        for (var n = 0; n < batch; n++)
        {
            TensorPrimitives.Add(biasGradient, outputGradient.Slice(n * _units, _units), biasGradient);
        }
        if (!inputGradient.IsEmpty)
        {
            _gemm.Multiply(false, true, batch, _inputs, _units, 1f, outputGradient, _units, parameters[..(_inputs * _units)], _units, 0f, inputGradient, _inputs);
        }
    }
}
