namespace FedActors.Federation.Aggregation;

/// <summary>The parameters of the robust aggregation rules; each rule reads only its own.</summary>
/// <param name="TrimFraction">β of <c>trimmed-mean</c>: the fraction trimmed per side, in [0, 0.5).</param>
/// <param name="ByzantineCount">f of <c>krum</c> and <c>multi-krum</c>: the assumed number of Byzantine updates per round.</param>
/// <param name="MultiKrumSelect">m of <c>multi-krum</c>; null for n − f.</param>
/// <param name="NormBound">M of <c>norm-bounded-mean</c>: the norm every update is clipped to (&gt; 0).</param>
public sealed record RobustAggregationOptions(double TrimFraction, int ByzantineCount, int? MultiKrumSelect, double NormBound)
{
    /// <summary>β = 0.1, f = 1, m = n − f, M = 5: the defaults of <c>hocon/reference.conf</c>.</summary>
    public static RobustAggregationOptions Default { get; } = new(0.1, 1, null, 5.0);
}
