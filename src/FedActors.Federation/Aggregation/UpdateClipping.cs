using System.Numerics.Tensors;

namespace FedActors.Federation.Aggregation;

/// <summary>
/// L2 norm clipping of an update, Δ ← Δ · min(1, C / ‖Δ‖₂): what honest clients apply before
/// weighting (<c>federation.clip-norm</c>) and what <see cref="NormBoundedMeanAggregator"/> applies
/// to every received update (Sun et al. 2019). One implementation for both.
/// </summary>
public static class UpdateClipping
{
    /// <summary>The factor min(1, bound / norm) that brings an update of norm <paramref name="norm"/> within <paramref name="bound"/>.</summary>
    /// <param name="norm">The update's Euclidean norm (≥ 0).</param>
    /// <param name="bound">The norm bound C; 0 means no clipping.</param>
    /// <returns>A factor in (0, 1]; exactly 1 when the update is already within the bound or clipping is off.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The bound is negative or not finite.</exception>
    public static double ScaleFor(double norm, double bound)
    {
        if (!(bound >= 0) || double.IsPositiveInfinity(bound))
        {
            throw new ArgumentOutOfRangeException(nameof(bound), bound, $"The clip norm must be a finite number ≥ 0 (0 = off), was {bound}.");
        }

        return bound == 0 || norm <= bound ? 1.0 : bound / norm;
    }

    /// <summary>Clips <paramref name="delta"/> in place to Euclidean norm at most <paramref name="bound"/>.</summary>
    /// <param name="delta">The update to clip.</param>
    /// <param name="bound">The norm bound C (<c>federation.clip-norm</c>); 0 leaves the update untouched.</param>
    /// <returns>The norm before clipping and the factor applied.</returns>
    /// <exception cref="ArgumentException">The update contains NaN or an infinity (a training fault the client must not send).</exception>
    public static ClipResult ClipInPlace(Span<float> delta, double bound)
    {
        if (!TensorPrimitives.IsFiniteAll<float>(delta))
        {
            throw new ArgumentException("The update to clip contains NaN or an infinity; local training diverged.", nameof(delta));
        }

        var norm = UpdateSet.Norm(delta);
        var scale = ScaleFor(norm, bound);
        if (scale < 1.0)
        {
            TensorPrimitives.Multiply(delta, (float)scale, delta);
        }

        return new ClipResult(norm, scale);
    }
}
