namespace FedActors.Federation.Aggregation;

/// <summary>
/// Coordinate-wise trimmed mean (Yin et al. 2018): per coordinate, the ⌊β·n⌋ largest and
/// ⌊β·n⌋ smallest values are dropped and the rest averaged (unweighted). Tolerates up to ⌊β·n⌋
/// outliers per side.
/// </summary>
public sealed class TrimmedMeanAggregator : IAggregator
{
    /// <summary>Creates the aggregator.</summary>
    /// <param name="trimFraction">β, the fraction trimmed from each side, in [0, 0.5).</param>
    /// <exception cref="ArgumentOutOfRangeException">β is outside [0, 0.5).</exception>
    public TrimmedMeanAggregator(double trimFraction)
    {
        if (!(trimFraction >= 0 && trimFraction < 0.5))
        {
            throw new ArgumentOutOfRangeException(nameof(trimFraction), trimFraction, $"The trim fraction β of trimmed-mean must be in [0, 0.5), was {trimFraction}.");
        }

        TrimFraction = trimFraction;
    }

    /// <summary>β, the fraction of values trimmed from each side of every coordinate.</summary>
    public double TrimFraction { get; }

    /// <inheritdoc />
    public string Name => "trimmed-mean";

    /// <summary>The number of values trimmed per side for <paramref name="count"/> finite updates: ⌊β·count⌋.</summary>
    /// <param name="count">The number of finite updates.</param>
    /// <returns>⌊β·count⌋, which is always less than count / 2.</returns>
    public int TrimCount(int count) => (int)Math.Floor(TrimFraction * count);

    /// <inheritdoc />
    public AggregationResult Aggregate(IReadOnlyList<ClientUpdate> updates)
    {
        var set = UpdateSet.Prepare(updates, Name);
        set.RequireUsable(Name, 1);
        var trim = TrimCount(set.Usable.Length);
        var update = CoordinateWise.Reduce(set, new TrimmedReducer(trim));
        var decisions = CoordinateWise.Decisions(
            set, $"each coordinate is the mean after dropping the {trim} smallest and {trim} largest values");
        return new AggregationResult(Name, update, decisions, set.Samples(set.Usable));
    }

    private readonly struct TrimmedReducer(int trim) : IColumnReducer
    {
        public float Reduce(Span<float> column)
        {
            // Two selections leave the trim smallest values before index trim and the trim largest after n − trim.
            Selection.Select(column, trim);
            Selection.Select(column[trim..], column.Length - (2 * trim) - 1);
            var kept = column[trim..^trim];
            double sum = 0;
            foreach (var v in kept)
            {
                sum += v;
            }

            return (float)(sum / kept.Length);
        }
    }
}
