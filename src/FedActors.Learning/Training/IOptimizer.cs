namespace FedActors.Learning.Training;

/// <summary>An update rule that owns its state (momentum, moments) for one parameter vector length.</summary>
public interface IOptimizer
{
    /// <summary>Forgets all state, as before the first step (each local training starts afresh).</summary>
    void Reset();

    /// <summary>Updates <paramref name="parameters"/> in place from <paramref name="gradients"/>.</summary>
    void Step(Span<float> parameters, ReadOnlySpan<float> gradients);
}
