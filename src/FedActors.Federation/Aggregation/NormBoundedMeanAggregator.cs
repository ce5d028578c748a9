namespace FedActors.Federation.Aggregation;

/// <summary>
/// Norm bounding (Sun et al. 2019, "Can you really backdoor federated learning?"): every update
/// is clipped to Euclidean norm at most <see cref="Bound"/>, then the sample-weighted mean is taken.
/// A boosted model-replacement update keeps its direction but loses its magnitude.
/// </summary>
public sealed class NormBoundedMeanAggregator : IAggregator
{
    /// <summary>Creates the aggregator.</summary>
    /// <param name="bound">The norm bound M, finite and &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The bound is not a finite positive number.</exception>
    public NormBoundedMeanAggregator(double bound)
    {
        if (!(bound > 0) || double.IsPositiveInfinity(bound))
        {
            throw new ArgumentOutOfRangeException(nameof(bound), bound, $"The norm bound of norm-bounded-mean must be a finite number > 0, was {bound}.");
        }

        Bound = bound;
    }

    /// <summary>The norm bound M.</summary>
    public double Bound { get; }

    /// <inheritdoc />
    public string Name => "norm-bounded-mean";

    /// <inheritdoc />
    public AggregationResult Aggregate(IReadOnlyList<ClientUpdate> updates)
    {
        var set = UpdateSet.Prepare(updates, Name);
        set.RequireUsable(Name, 1);
        var weights = set.SampleWeights(set.Usable);
        var coefficients = new double[weights.Length];
        var decisions = set.NonFiniteDecisions();

        for (var u = 0; u < set.Usable.Length; u++)
        {
            var i = set.Usable[u];
            var scale = UpdateClipping.ScaleFor(set.Norms[i], Bound);
            coefficients[u] = weights[u] * scale;
            decisions[i] = scale < 1.0
                ? new AggregationDecision(set.Ordered[i].ClientId, AggregationOutcome.IncludedClipped, weights[u], set.Norms[i], null,
                    $"norm {set.Norms[i]:G4} exceeded the bound {Bound:G4}; scaled by {scale:G4}")
                : new AggregationDecision(set.Ordered[i].ClientId, AggregationOutcome.Included, weights[u], set.Norms[i], null,
                    $"norm {set.Norms[i]:G4} within the bound {Bound:G4}");
        }

        return new AggregationResult(Name, set.Combine(set.Usable, coefficients), decisions, set.Samples(set.Usable));
    }
}
