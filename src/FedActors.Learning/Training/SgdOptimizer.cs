using System.Numerics.Tensors;

namespace FedActors.Learning.Training;

/// <summary>
/// SGD as PyTorch defines it: g ← g + λ·w; with momentum μ, v ← μ·v + g and w ← w − η·v;
/// without, w ← w − η·g.
/// </summary>
public sealed class SgdOptimizer : IOptimizer
{
    private readonly float _learningRate;
    private readonly float _momentum;
    private readonly float _weightDecay;
    private readonly float[] _velocity;
    private readonly float[] _decayed;

    /// <summary>Creates the optimizer for vectors of <paramref name="parameterCount"/> floats.</summary>
    public SgdOptimizer(int parameterCount, float learningRate, float momentum, float weightDecay)
    {
        _learningRate = learningRate;
        _momentum = momentum;
        _weightDecay = weightDecay;
        _velocity = momentum > 0 ? new float[parameterCount] : [];
        _decayed = weightDecay > 0 ? new float[parameterCount] : [];
    }

    /// <inheritdoc />
    public void Reset() => _velocity.AsSpan().Clear();

    /// <inheritdoc />
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        var g = gradients;
        if (_weightDecay > 0)
        {
            TensorPrimitives.MultiplyAdd(parameters, _weightDecay, gradients, _decayed);
            g = _decayed;
        }
        if (_momentum > 0)
        {
            TensorPrimitives.MultiplyAdd(_velocity, _momentum, g, _velocity);
            g = _velocity;
        }
        TensorPrimitives.MultiplyAdd(g, -_learningRate, parameters, parameters);
    }
}
