namespace FedActors.Federation.Aggregation;

/// <summary>
/// Coordinate-wise median (Yin et al. 2018): each coordinate of the aggregate is the median of
/// that coordinate over the finite updates (mean of the two middle values for an even count).
/// Unweighted, so inflated sample counts buy an attacker nothing; robust to fewer than half outliers.
/// </summary>
public sealed class MedianAggregator : IAggregator
{
    /// <inheritdoc />
    public string Name => "median";

    /// <inheritdoc />
    public AggregationResult Aggregate(IReadOnlyList<ClientUpdate> updates)
    {
        var set = UpdateSet.Prepare(updates, Name);
        set.RequireUsable(Name, 1);
        var update = CoordinateWise.Reduce(set, default(MedianReducer));
        var decisions = CoordinateWise.Decisions(set, "each coordinate is the median over the finite updates");
        return new AggregationResult(Name, update, decisions, set.Samples(set.Usable));
    }

    private readonly struct MedianReducer : ISortedColumnReducer
    {
        public float Reduce(ReadOnlySpan<float> sorted)
        {
            var mid = sorted.Length / 2;
            // Average in double: two finite floats near float.MaxValue would overflow a float sum.
            return sorted.Length % 2 == 1 ? sorted[mid] : (float)(((double)sorted[mid - 1] + sorted[mid]) / 2);
        }
    }
}
