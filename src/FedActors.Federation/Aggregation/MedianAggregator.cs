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

    private readonly struct MedianReducer : IColumnReducer
    {
        public float Reduce(Span<float> column)
        {
            var mid = column.Length / 2;
            Selection.Select(column, mid);
            if (column.Length % 2 == 1)
            {
                return column[mid];
            }

            // The lower middle value is the largest of the values selected below mid.
            var lower = column[0];
            foreach (var v in column[1..mid])
            {
                lower = Math.Max(lower, v);
            }

            // Average in double: two finite floats near float.MaxValue would overflow a float sum.
            return (float)(((double)lower + column[mid]) / 2);
        }
    }
}
