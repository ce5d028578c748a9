namespace FedActors.Federation.Aggregation;

/// <summary>
/// A plaintext aggregation rule: turns the updates of one round into one update.
/// </summary>
/// <remarks>
/// Every implementation is deterministic and permutation invariant: it orders the updates by
/// client id (ordinal) before computing, so the same set of updates gives the same bits in any
/// arrival order. It never modifies its inputs. Updates with NaN or infinite entries are rejected
/// with <see cref="AggregationOutcome.NonFinite"/> instead of poisoning the result.
/// </remarks>
public interface IAggregator
{
    /// <summary>The scenario name of the rule (<c>mean</c>, <c>median</c>, <c>trimmed-mean</c>, <c>krum</c>, <c>multi-krum</c>, <c>norm-bounded-mean</c>).</summary>
    string Name { get; }

    /// <summary>Aggregates one round's updates.</summary>
    /// <param name="updates">At least one update; all of the same length, with distinct client ids.</param>
    /// <returns>The aggregate and one decision per update.</returns>
    /// <exception cref="ArgumentException">No updates, lengths differ, client ids repeat.</exception>
    /// <exception cref="AggregationException">Too few usable updates for this rule (e.g. Krum with n ≤ 2f + 2).</exception>
    AggregationResult Aggregate(IReadOnlyList<ClientUpdate> updates);
}
