using System.Numerics.Tensors;

namespace FedActors.Federation.Aggregation;

/// <summary>
/// The checked, ordered form of one round's updates that every aggregator starts from: sorted by
/// client id so results do not depend on arrival order, with norms computed once and non-finite
/// updates set aside.
/// </summary>
internal sealed class UpdateSet
{
    private UpdateSet(ClientUpdate[] ordered, double[] norms, int dimension)
    {
        Ordered = ordered;
        Norms = norms;
        Dimension = dimension;
        Usable = Enumerable.Range(0, ordered.Length).Where(i => !double.IsNaN(norms[i])).ToArray();
    }

    /// <summary>All updates, by client id (ordinal).</summary>
    public ClientUpdate[] Ordered { get; }

    /// <summary>Euclidean norm of each ordered update; NaN for an update with a non-finite entry.</summary>
    public double[] Norms { get; }

    /// <summary>Indices into <see cref="Ordered"/> of the updates whose entries are all finite.</summary>
    public int[] Usable { get; }

    /// <summary>The common length of every update.</summary>
    public int Dimension { get; }

    public static UpdateSet Prepare(IReadOnlyList<ClientUpdate> updates, string aggregator)
    {
        ArgumentNullException.ThrowIfNull(updates);
        if (updates.Count == 0)
        {
            throw new ArgumentException($"Aggregator '{aggregator}' needs at least one update, got none.", nameof(updates));
        }

        var ordered = updates.ToArray();
        Array.Sort(ordered, static (a, b) => string.CompareOrdinal(a.ClientId, b.ClientId));
        var dimension = ordered[0].Delta.Length;
        var norms = new double[ordered.Length];
        for (var i = 0; i < ordered.Length; i++)
        {
            if (i > 0 && ordered[i].ClientId == ordered[i - 1].ClientId)
            {
                throw new ArgumentException(
                    $"Aggregator '{aggregator}' got two updates from client '{ordered[i].ClientId}'; de-duplicate contributions before aggregating.",
                    nameof(updates));
            }

            if (ordered[i].Delta.Length != dimension)
            {
                throw new ArgumentException(
                    $"Aggregator '{aggregator}': update of client '{ordered[i].ClientId}' has {ordered[i].Delta.Length} entries, " +
                    $"but client '{ordered[0].ClientId}' sent {dimension}; every update must have the model's parameter count.",
                    nameof(updates));
            }

            var span = ordered[i].Delta.Span;
            norms[i] = TensorPrimitives.IsFiniteAll(span) ? Norm(span) : double.NaN;
        }

        return new UpdateSet(ordered, norms, dimension);
    }

    /// <summary>The Euclidean norm, accumulated in double so that long vectors keep their precision.</summary>
    public static double Norm(ReadOnlySpan<float> values)
    {
        var norm = (double)TensorPrimitives.Norm(values);
        if (double.IsFinite(norm))
        {
            return norm;
        }

        // Entries near float.MaxValue overflow the float sum of squares; rescale by the largest magnitude.
        double max = TensorPrimitives.MaxMagnitude(values);
        double sum = 0;
        foreach (var v in values)
        {
            var r = v / max;
            sum += r * r;
        }

        return max * Math.Sqrt(sum);
    }

    /// <summary>
    /// One decision per update in <see cref="Ordered"/>, each filled in as set aside for being non-finite;
    /// the aggregator then overwrites the decisions of the usable updates.
    /// </summary>
    public AggregationDecision[] NonFiniteDecisions()
    {
        var decisions = new AggregationDecision[Ordered.Length];
        for (var i = 0; i < decisions.Length; i++)
        {
            decisions[i] = new AggregationDecision(
                Ordered[i].ClientId, AggregationOutcome.NonFinite, 0, double.NaN, null, "the update contains NaN or an infinity");
        }

        return decisions;
    }

    /// <summary>Throws when no update is finite: nothing can be aggregated.</summary>
    public void RequireUsable(string aggregator, int minimum)
    {
        if (Usable.Length < minimum)
        {
            throw new AggregationException(
                $"Aggregator '{aggregator}' needs at least {minimum} finite update(s), got {Usable.Length} of {Ordered.Length} " +
                $"({Ordered.Length - Usable.Length} contained NaN or an infinity).");
        }
    }

    /// <summary>Writes Σ coefficients[i] · update[indices[i]] into a new vector.</summary>
    public float[] Combine(IReadOnlyList<int> indices, IReadOnlyList<double> coefficients)
    {
        var result = new float[Dimension];
        for (var i = 0; i < indices.Count; i++)
        {
            TensorPrimitives.MultiplyAdd(Ordered[indices[i]].Delta.Span, (float)coefficients[i], result, result);
        }

        return result;
    }

    /// <summary>Each listed update's share of their total sample count.</summary>
    public double[] SampleWeights(IReadOnlyList<int> indices)
    {
        double total = indices.Sum(i => (double)Ordered[i].SampleCount);
        return indices.Select(i => Ordered[i].SampleCount / total).ToArray();
    }

    /// <summary>The sum of sample counts of the listed updates.</summary>
    public long Samples(IEnumerable<int> indices) => indices.Sum(i => Ordered[i].SampleCount);
}
