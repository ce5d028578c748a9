namespace FedActors.Federation.Aggregation;

/// <summary>
/// FedAvg (McMahan et al. 2017): the sample-weighted mean Σ n_k Δ_k / Σ n_k over every finite update.
/// Not robust: one attacker can move it arbitrarily far.
/// </summary>
public sealed class MeanAggregator : IAggregator
{
    /// <inheritdoc />
    public string Name => "mean";

    /// <inheritdoc />
    public AggregationResult Aggregate(IReadOnlyList<ClientUpdate> updates)
    {
        var set = UpdateSet.Prepare(updates, Name);
        set.RequireUsable(Name, 1);
        var weights = set.SampleWeights(set.Usable);
        var update = set.Combine(set.Usable, weights);

        var decisions = set.NonFiniteDecisions();

        for (var u = 0; u < set.Usable.Length; u++)
        {
            var i = set.Usable[u];
            decisions[i] = new AggregationDecision(
                set.Ordered[i].ClientId, AggregationOutcome.Included, weights[u], set.Norms[i], null,
                $"weighted by its {set.Ordered[i].SampleCount} samples");
        }

        return new AggregationResult(Name, update, decisions, set.Samples(set.Usable));
    }
}
