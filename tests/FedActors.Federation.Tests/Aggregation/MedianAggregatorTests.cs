using FedActors.Federation.Aggregation;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FedActors.Federation.Tests.Aggregation;

public sealed class MedianAggregatorTests
{
    [Fact]
    public void Median_of_an_odd_count_is_the_middle_value_per_coordinate()
    {
        var result = new MedianAggregator().Aggregate(
        [
            Updates.Of("a", 1, 1f, 30f),
            Updates.Of("b", 1, 3f, 10f),
            Updates.Of("c", 1, 2f, 20f),
        ]);

        Assert.Equal([2f, 20f], result.Update);
        Assert.All(result.Decisions, d => Assert.Equal(AggregationOutcome.Coordinatewise, d.Outcome));
    }

    [Fact]
    public void Median_of_an_even_count_averages_the_two_middle_values()
    {
        var result = new MedianAggregator().Aggregate(
        [
            Updates.Of("a", 1, 1f),
            Updates.Of("b", 1000, 2f),
            Updates.Of("c", 1, 4f),
            Updates.Of("d", 1, 100f),
        ]);

        Assert.Equal([3f], result.Update);
    }

    [Fact]
    public void Median_of_values_near_float_max_does_not_overflow()
    {
        var result = new MedianAggregator().Aggregate([Updates.Of("a", 1, float.MaxValue), Updates.Of("b", 1, float.MaxValue)]);
        Assert.Equal([float.MaxValue], result.Update);
    }

    [Property(MaxTest = 40)]
    public Property Median_stays_within_the_honest_range_when_fewer_than_half_are_huge_outliers(PositiveInt honestCount, int seed)
    {
        var honest = 3 + (honestCount.Get % 10);
        var byzantine = (honest - 1) / 2;
        var updates = Updates.Honest(honest, 300, 1f, 0.5f, seed);
        updates.AddRange(Updates.Honest(byzantine, 300, 1e30f, 1e29f, seed + 1, "z"));

        var result = new MedianAggregator().Aggregate(updates);

        return result.Update.All(v => v is >= 0.5f and <= 1.5f).ToProperty();
    }

    [Fact]
    public void A_million_coordinates_from_many_clients_are_reduced_coordinate_by_coordinate()
    {
        // Long vectors cross many transposition blocks; compare a few coordinates with a direct median.
        const int Dimension = 1_000_003;
        var updates = Updates.Honest(7, Dimension, 0f, 1f, 11);
        var result = new MedianAggregator().Aggregate(updates);

        foreach (var j in new[] { 0, 255, 256, 511, 700_001, Dimension - 1 })
        {
            var column = updates.Select(u => u.Delta.Span[j]).Order().ToArray();
            Assert.Equal(column[3], result.Update[j]);
        }
    }
}
