namespace FedActors.Learning.Training;

/// <summary>
/// Adam (Kingma and Ba, 2015, Algorithm 1) with bias-corrected moments; weight decay λ is added to
/// the gradient (L2, as PyTorch's Adam does).
/// </summary>
public sealed class AdamOptimizer : IOptimizer
{
    private readonly float _learningRate;
    private readonly float _beta1;
    private readonly float _beta2;
    private readonly float _epsilon;
    private readonly float _weightDecay;
    private readonly float[] _m;
    private readonly float[] _v;
    private int _step;

    /// <summary>Creates the optimizer for vectors of <paramref name="parameterCount"/> floats.</summary>
    public AdamOptimizer(int parameterCount, float learningRate, float beta1, float beta2, float epsilon, float weightDecay)
    {
        _learningRate = learningRate;
        _beta1 = beta1;
        _beta2 = beta2;
        _epsilon = epsilon;
        _weightDecay = weightDecay;
        _m = new float[parameterCount];
        _v = new float[parameterCount];
    }

    /// <inheritdoc />
    public void Reset()
    {
        _m.AsSpan().Clear();
        _v.AsSpan().Clear();
        _step = 0;
    }

    /// <inheritdoc />
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        _step++;
        var correction1 = 1 - MathF.Pow(_beta1, _step);
        var correction2 = 1 - MathF.Pow(_beta2, _step);
        var stepSize = _learningRate / correction1;
        var inverseSqrtCorrection2 = 1 / MathF.Sqrt(correction2);
        for (var i = 0; i < parameters.Length; i++)
        {
            var g = gradients[i] + _weightDecay * parameters[i];
            var m = _m[i] = _beta1 * _m[i] + (1 - _beta1) * g;
            var v = _v[i] = _beta2 * _v[i] + (1 - _beta2) * g * g;
            parameters[i] -= stepSize * m / (MathF.Sqrt(v) * inverseSqrtCorrection2 + _epsilon);
        }
    }
}
