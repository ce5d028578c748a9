using FedActors.Federation.Aggregation;

namespace FedActors.Federation.Tests.Aggregation;

public sealed class NormBoundedMeanAggregatorTests
{
    [Fact]
    public void Updates_above_the_bound_are_scaled_to_it_before_the_weighted_mean()
    {
        var result = new NormBoundedMeanAggregator(5).Aggregate(
        [
            Updates.Of("a", 1, 3f, 4f),       // norm 5: untouched
            Updates.Of("b", 1, 300f, 400f),   // norm 500: scaled by 1/100 to [3, 4]
        ]);

        Assert.Equal([3f, 4f], result.Update);
        Assert.Equal(AggregationOutcome.Included, result.Decisions[0].Outcome);
        Assert.Equal(AggregationOutcome.IncludedClipped, result.Decisions[1].Outcome);
        Assert.Equal(500, result.Decisions[1].Norm, 9);
    }

    [Fact]
    public void A_boosted_update_moves_the_aggregate_at_most_by_its_weight_times_the_bound()
    {
        var updates = Updates.Honest(9, 20, 0f, 0.01f, 5);
        updates.Add(new ClientUpdate("attacker", Enumerable.Repeat(1000f, 20).ToArray(), 10));

        var result = new NormBoundedMeanAggregator(1).Aggregate(updates);

        var weight = result.Decisions.Single(d => d.ClientId == "attacker").Weight;
        Assert.True(UpdateClippingTests.Norm(result.Update) <= weight + 0.01 + 1e-5);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.PositiveInfinity)]
    public void Bounds_that_are_not_finite_and_positive_are_refused(double bound)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NormBoundedMeanAggregator(bound));
    }
}
