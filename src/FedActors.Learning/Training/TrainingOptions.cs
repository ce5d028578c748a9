namespace FedActors.Learning.Training;

/// <summary>
/// How a client (or a central run) trains: epochs over its samples, mini-batch size, optimizer and
/// its hyper-parameters. Immutable; <see cref="Validate"/> names the scenario key of a bad value.
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>Passes over the local data per call (<c>training.local-epochs</c>), ≥ 1.</summary>
    public int Epochs { get; init; } = 1;

    /// <summary>Samples per mini-batch (<c>training.batch-size</c>); 0 means the full local data set as one batch.</summary>
    public int BatchSize { get; init; } = 10;

    /// <summary>Step size (<c>training.learning-rate</c>), > 0.</summary>
    public float LearningRate { get; init; } = 0.05f;

    /// <summary>The update rule (<c>training.optimizer</c>).</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Sgd;

    /// <summary>SGD momentum in [0, 1) (<c>training.momentum</c>); 0 is plain SGD.</summary>
    public float Momentum { get; init; }

    /// <summary>L2 weight decay ≥ 0 added to the gradient (<c>training.weight-decay</c>).</summary>
    public float WeightDecay { get; init; }

    /// <summary>Adam's first-moment decay in [0, 1).</summary>
    public float Beta1 { get; init; } = 0.9f;

    /// <summary>Adam's second-moment decay in [0, 1).</summary>
    public float Beta2 { get; init; } = 0.999f;

    /// <summary>Adam's denominator guard, > 0.</summary>
    public float Epsilon { get; init; } = 1e-8f;

    /// <summary>
    /// FedProx's proximal coefficient μ ≥ 0 (<c>training.proximal-mu</c>): adds μ·(w − w_start) to the
    /// gradient, keeping local models near the model they started from; 0 is plain local training.
    /// </summary>
    public float ProximalMu { get; init; }

    /// <summary>Throws unless every value is in range, naming the key and the bad value.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        Require(Epochs >= 1, "training.local-epochs must be >= 1", Epochs);
        Require(BatchSize >= 0, "training.batch-size must be >= 0 (0 = full batch)", BatchSize);
        Require(LearningRate > 0 && float.IsFinite(LearningRate), "training.learning-rate must be > 0", LearningRate);
        Require(Momentum >= 0 && Momentum < 1, "training.momentum must be in [0, 1)", Momentum);
        Require(WeightDecay >= 0 && float.IsFinite(WeightDecay), "training.weight-decay must be >= 0", WeightDecay);
        Require(Beta1 >= 0 && Beta1 < 1, "training.beta1 must be in [0, 1)", Beta1);
        Require(Beta2 >= 0 && Beta2 < 1, "training.beta2 must be in [0, 1)", Beta2);
        Require(Epsilon > 0, "training.epsilon must be > 0", Epsilon);
        Require(ProximalMu >= 0 && float.IsFinite(ProximalMu), "training.proximal-mu must be >= 0", ProximalMu);
    }

    private static void Require(bool condition, string rule, object value)
    {
        if (!condition)
        {
            throw new ArgumentOutOfRangeException(null, value, $"{rule}, was {value}");
        }
    }
}
