using System.Numerics.Tensors;

namespace FedActors.Federation.Aggregation;

/// <summary>
/// Krum and Multi-Krum (Blanchard et al. 2017). With n finite updates and at most f Byzantine ones,
/// each update's score is the sum of squared Euclidean distances to its n − f − 2 nearest other
/// updates; Krum returns the update with the lowest score, Multi-Krum the sample-weighted mean of
/// the m lowest-scoring updates. The guarantee needs n &gt; 2f + 2; fewer updates fail the round.
/// </summary>
/// <remarks>
/// Ties between equal scores go to the smaller client id, so the choice is deterministic.
/// Scores are computed once (as in the paper's Multi-Krum), from n(n − 1)/2 vectorized distances.
/// </remarks>
public sealed class KrumAggregator : IAggregator
{
    private KrumAggregator(string name, int byzantineCount, int? selectCount)
    {
        if (byzantineCount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(byzantineCount), byzantineCount, $"The assumed Byzantine count f of {name} must be ≥ 0, was {byzantineCount}.");
        }

        if (selectCount is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(selectCount), selectCount, $"The number m of updates {name} averages must be ≥ 1, was {selectCount}.");
        }

        Name = name;
        ByzantineCount = byzantineCount;
        SelectCount = selectCount;
    }

    /// <summary>The assumed number f of Byzantine updates per round.</summary>
    public int ByzantineCount { get; }

    /// <summary>The number m of selected updates; null means n − f (Multi-Krum's usual choice).</summary>
    public int? SelectCount { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>Krum: selects the single update with the lowest score.</summary>
    /// <param name="byzantineCount">f, the assumed number of Byzantine updates (≥ 0).</param>
    /// <returns>The aggregator.</returns>
    public static KrumAggregator Krum(int byzantineCount) => new("krum", byzantineCount, 1);

    /// <summary>Multi-Krum: averages the <paramref name="selectCount"/> lowest-scoring updates, weighted by samples.</summary>
    /// <param name="byzantineCount">f, the assumed number of Byzantine updates (≥ 0).</param>
    /// <param name="selectCount">m ≥ 1, or null for n − f.</param>
    /// <returns>The aggregator.</returns>
    public static KrumAggregator MultiKrum(int byzantineCount, int? selectCount) => new("multi-krum", byzantineCount, selectCount);

    /// <summary>Each update's Krum score: the sum of squared distances to its n − f − 2 nearest other updates.</summary>
    /// <param name="vectors">The n updates (all the same length).</param>
    /// <param name="byzantineCount">f.</param>
    /// <returns>One score per update, in input order.</returns>
    /// <exception cref="AggregationException">n ≤ 2f + 2.</exception>
    public static double[] Scores(IReadOnlyList<ReadOnlyMemory<float>> vectors, int byzantineCount)
    {
        var n = vectors.Count;
        if (n <= (2 * byzantineCount) + 2)
        {
            throw new AggregationException(
                $"Krum with f = {byzantineCount} assumed Byzantine updates needs more than 2f + 2 = {(2 * byzantineCount) + 2} finite updates, got {n}; " +
                "lower the assumed Byzantine count or raise clients-per-round and min-contributions.");
        }

        var squared = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                double d = TensorPrimitives.Distance(vectors[i].Span, vectors[j].Span);
                squared[i, j] = squared[j, i] = d * d;
            }
        }

        var neighbours = n - byzantineCount - 2;
        var scores = new double[n];
        var row = new double[n - 1];
        for (var i = 0; i < n; i++)
        {
            var k = 0;
            for (var j = 0; j < n; j++)
            {
                if (j != i)
                {
                    row[k++] = squared[i, j];
                }
            }

            Array.Sort(row);
            double score = 0;
            for (var j = 0; j < neighbours; j++)
            {
                score += row[j];
            }

            scores[i] = score;
        }

        return scores;
    }

    /// <inheritdoc />
    public AggregationResult Aggregate(IReadOnlyList<ClientUpdate> updates)
    {
        var set = UpdateSet.Prepare(updates, Name);
        set.RequireUsable(Name, 1);
        var usable = set.Usable;
        var scores = Scores(usable.Select(i => set.Ordered[i].Delta).ToArray(), ByzantineCount);
        var select = SelectCount ?? (usable.Length - ByzantineCount);
        if (select > usable.Length)
        {
            throw new AggregationException(
                $"{Name} is configured to average m = {select} updates but only {usable.Length} finite updates arrived; lower m or raise min-contributions.");
        }

        // Stable order: by score, then by position, which is ordinal client-id order.
        var ranking = Enumerable.Range(0, usable.Length).OrderBy(u => scores[u]).ThenBy(u => u).ToArray();
        var chosen = ranking.Take(select).Order().Select(u => usable[u]).ToArray();
        var weights = set.SampleWeights(chosen);
        var update = set.Combine(chosen, weights);

        var decisions = set.NonFiniteDecisions();

        for (var rank = 0; rank < ranking.Length; rank++)
        {
            var u = ranking[rank];
            var i = usable[u];
            var position = Array.IndexOf(chosen, i);
            decisions[i] = position >= 0
                ? new AggregationDecision(set.Ordered[i].ClientId, AggregationOutcome.Included, weights[position], set.Norms[i], scores[u],
                    $"score {scores[u]:G4} ranks {rank + 1} of {usable.Length}; the best {select} are selected")
                : new AggregationDecision(set.Ordered[i].ClientId, AggregationOutcome.NotSelected, 0, set.Norms[i], scores[u],
                    $"score {scores[u]:G4} ranks {rank + 1} of {usable.Length}; only the best {select} are selected");
        }

        return new AggregationResult(Name, update, decisions, set.Samples(chosen));
    }
}
