namespace FedActors.Federation.Aggregation;

/// <summary>
/// The aggregate update of one round and one decision per client, in ordinal client-id order.
/// </summary>
/// <param name="Aggregator">The name of the rule that produced this result (<c>mean</c>, <c>krum</c>, …).</param>
/// <param name="Update">The aggregated parameter change, to be added to the global model.</param>
/// <param name="Decisions">One decision per input update, ordered by client id (ordinal).</param>
/// <param name="IncludedSamples">The sum of sample counts of the updates that entered the aggregate.</param>
public sealed record AggregationResult(
    string Aggregator,
    float[] Update,
    IReadOnlyList<AggregationDecision> Decisions,
    long IncludedSamples)
{
    /// <summary>The decisions whose update entered the aggregate.</summary>
    public IEnumerable<AggregationDecision> Accepted => Decisions.Where(d => d.Accepted);

    /// <summary>The decisions whose update was left out.</summary>
    public IEnumerable<AggregationDecision> Rejected => Decisions.Where(d => !d.Accepted);
}
