using FedActors.Federation.Aggregation;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FedActors.Federation.Tests.Aggregation;

public sealed class MeanAggregatorTests
{
    [Fact]
    public void Mean_weights_each_update_by_its_sample_count()
    {
        var result = new MeanAggregator().Aggregate(
        [
            Updates.Of("a", 1, 1f, 0f),
            Updates.Of("b", 3, 5f, 4f),
        ]);

        // (1·[1,0] + 3·[5,4]) / 4 = [4, 3]
        Assert.Equal([4f, 3f], result.Update);
        Assert.Equal(4, result.IncludedSamples);
        Assert.Equal(0.25, result.Decisions.Single(d => d.ClientId == "a").Weight, 12);
        Assert.All(result.Decisions, d => Assert.Equal(AggregationOutcome.Included, d.Outcome));
    }

    [Property(MaxTest = 50)]
    public Property Mean_equals_the_FedAvg_formula(PositiveInt clients, PositiveInt dimension, int seed)
    {
        var n = 1 + (clients.Get % 12);
        var d = 1 + (dimension.Get % 40);
        var updates = Updates.Honest(n, d, 0f, 10f, seed);
        var result = new MeanAggregator().Aggregate(updates);

        double total = updates.Sum(u => (double)u.SampleCount);
        var ok = Enumerable.Range(0, d).All(j =>
        {
            var expected = updates.Sum(u => u.SampleCount * (double)u.Delta.Span[j]) / total;
            return Math.Abs(result.Update[j] - expected) <= 1e-4 * (1 + Math.Abs(expected));
        });
        return ok.ToProperty();
    }

    [Fact]
    public void Non_finite_updates_are_rejected_instead_of_poisoning_the_mean()
    {
        var result = new MeanAggregator().Aggregate(
        [
            Updates.Of("a", 1, 2f),
            Updates.Of("b", 1, float.NaN),
            Updates.Of("c", 1, float.PositiveInfinity),
        ]);

        Assert.Equal([2f], result.Update);
        Assert.Equal(["non-finite", "non-finite"], result.Rejected.Select(d => d.MetricsKey));
    }

    [Fact]
    public void Only_non_finite_updates_fail_the_aggregation_with_an_explanation()
    {
        var error = Assert.Throws<AggregationException>(() => new MeanAggregator().Aggregate([Updates.Of("a", 1, float.NaN)]));
        Assert.Contains("NaN", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Updates_of_different_lengths_are_refused_naming_both_clients()
    {
        var error = Assert.Throws<ArgumentException>(() => new MeanAggregator().Aggregate(
            [Updates.Of("a", 1, 1f, 2f), Updates.Of("b", 1, 1f)]));
        Assert.Contains("'b'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'a'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_client_ids_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new MeanAggregator().Aggregate(
            [Updates.Of("a", 1, 1f), Updates.Of("a", 1, 2f)]));
    }

    [Fact]
    public void Inputs_are_not_modified()
    {
        var delta = new float[] { 100f, -100f };
        new NormBoundedMeanAggregator(1).Aggregate([new ClientUpdate("a", delta, 5)]);
        Assert.Equal([100f, -100f], delta);
    }
}
