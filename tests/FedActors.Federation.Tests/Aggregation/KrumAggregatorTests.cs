using FedActors.Federation.Aggregation;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FedActors.Federation.Tests.Aggregation;

public sealed class KrumAggregatorTests
{
    [Fact]
    public void Krum_scores_sum_the_squared_distances_to_the_n_minus_f_minus_2_nearest_neighbours()
    {
        // Points on a line at 0, 1, 2, 10, 20 with f = 1: each score sums the 2 nearest squared distances.
        float[][] points = [[0f], [1f], [2f], [10f], [20f]];
        var scores = KrumAggregator.Scores(points.Select(p => (ReadOnlyMemory<float>)p).ToArray(), 1);

        Assert.Equal([1 + 4, 1 + 1, 1 + 4, 64 + 81, 100 + 324], scores);
    }

    [Fact]
    public void Krum_returns_the_update_with_the_lowest_score()
    {
        var result = KrumAggregator.Krum(1).Aggregate(
        [
            Updates.Of("a", 10, 0f), Updates.Of("b", 1, 1f), Updates.Of("c", 1, 2f), Updates.Of("d", 1, 10f), Updates.Of("e", 1, 20f),
        ]);

        Assert.Equal([1f], result.Update);
        Assert.Equal("b", result.Accepted.Single().ClientId);
        Assert.Equal(4, result.Rejected.Count(d => d.MetricsKey == "krum-not-selected"));
        Assert.Equal(1, result.IncludedSamples);
    }

    [Fact]
    public void Multi_krum_averages_the_m_best_weighted_by_samples()
    {
        var result = KrumAggregator.MultiKrum(1, 3).Aggregate(
        [
            Updates.Of("a", 2, 0f), Updates.Of("b", 1, 1f), Updates.Of("c", 1, 2f), Updates.Of("d", 1, 10f), Updates.Of("e", 1, 20f),
        ]);

        // a, b, c selected: (2·0 + 1·1 + 1·2) / 4
        Assert.Equal([0.75f], result.Update);
        Assert.Equal(["a", "b", "c"], result.Accepted.Select(d => d.ClientId));
    }

    [Fact]
    public void Multi_krum_without_m_selects_n_minus_f()
    {
        var result = KrumAggregator.MultiKrum(2, null).Aggregate(Updates.Honest(9, 4, 0f, 1f, 3));
        Assert.Equal(7, result.Accepted.Count());
    }

    [Fact]
    public void Krum_with_too_few_updates_for_its_assumption_fails_saying_what_is_needed()
    {
        var error = Assert.Throws<AggregationException>(() => KrumAggregator.Krum(2).Aggregate(Updates.Honest(6, 3, 0f, 1f, 1)));
        Assert.Contains("more than 2f + 2 = 6", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ties_go_to_the_smaller_client_id()
    {
        var result = KrumAggregator.Krum(0).Aggregate([Updates.Of("b", 1, 1f), Updates.Of("a", 1, 1f), Updates.Of("c", 1, 1f)]);
        Assert.Equal("a", result.Accepted.Single().ClientId);
    }

    [Property(MaxTest = 40)]
    public Property Krum_never_selects_an_obvious_outlier_when_n_exceeds_2f_plus_2(PositiveInt byzantine, int seed)
    {
        var f = 1 + (byzantine.Get % 4);
        var honest = f + 3 + (Math.Abs(seed) % 5);
        var updates = Updates.Honest(honest, 50, 0f, 1f, seed);
        var random = new Random(seed);
        for (var i = 0; i < f; i++)
        {
            var far = Enumerable.Range(0, 50).Select(_ => (float)((random.NextDouble() - 0.5) * 1e6)).ToArray();
            updates.Add(new ClientUpdate($"z{i}", far, 1000));
        }

        var krum = KrumAggregator.Krum(f).Aggregate(updates);
        var multi = KrumAggregator.MultiKrum(f, honest).Aggregate(updates);

        return (krum.Accepted.All(d => d.ClientId.StartsWith('h'))
                && multi.Accepted.All(d => d.ClientId.StartsWith('h'))).ToProperty();
    }
}
