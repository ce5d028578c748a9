namespace FedActors.Federation.Aggregation;

/// <summary>The fate of one client's update in one aggregation, with the evidence behind it.</summary>
/// <param name="ClientId">The client whose update this is.</param>
/// <param name="Outcome">Whether and how the update entered the aggregate.</param>
/// <param name="Weight">The update's share of the aggregate (sums to 1 over included updates; 0 when rejected; 1/n for coordinate-wise rules).</param>
/// <param name="Norm">The Euclidean norm of the update as received (NaN when it was not finite).</param>
/// <param name="Score">The Krum score (sum of squared distances to the closest neighbours) when the aggregator computes one.</param>
/// <param name="Reason">One sentence saying why, for reports and journals.</param>
public sealed record AggregationDecision(
    string ClientId,
    AggregationOutcome Outcome,
    double Weight,
    double Norm,
    double? Score,
    string Reason)
{
    /// <summary>True when the update contributed to the aggregate in any way.</summary>
    public bool Accepted => Outcome is AggregationOutcome.Included or AggregationOutcome.IncludedClipped or AggregationOutcome.Coordinatewise;

    /// <summary>The kebab-case key under which metrics count this decision, e.g. <c>krum-not-selected</c>.</summary>
    public string MetricsKey => Outcome switch
    {
        AggregationOutcome.Included => "included",
        AggregationOutcome.IncludedClipped => "clipped",
        AggregationOutcome.Coordinatewise => "coordinatewise",
        AggregationOutcome.NotSelected => "krum-not-selected",
        AggregationOutcome.NonFinite => "non-finite",
        _ => throw new InvalidOperationException($"Unknown aggregation outcome {Outcome}."),
    };
}
