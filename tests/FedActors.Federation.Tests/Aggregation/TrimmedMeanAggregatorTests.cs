using FedActors.Federation.Aggregation;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FedActors.Federation.Tests.Aggregation;

public sealed class TrimmedMeanAggregatorTests
{
    [Fact]
    public void Trimmed_mean_drops_floor_beta_n_values_per_side_and_averages_the_rest()
    {
        // n = 5, β = 0.2: one value dropped per side.
        var result = new TrimmedMeanAggregator(0.2).Aggregate(
        [
            Updates.Of("a", 1, -1000f, 1f),
            Updates.Of("b", 1, 1f, 2f),
            Updates.Of("c", 1, 2f, 3f),
            Updates.Of("d", 1, 3f, 4f),
            Updates.Of("e", 1, 1000f, 5f),
        ]);

        Assert.Equal([2f, 3f], result.Update);
    }

    [Fact]
    public void Trim_fraction_zero_is_the_unweighted_mean()
    {
        var result = new TrimmedMeanAggregator(0).Aggregate([Updates.Of("a", 1, 1f), Updates.Of("b", 99, 3f)]);
        Assert.Equal([2f], result.Update);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(0.5)]
    [InlineData(double.NaN)]
    public void Trim_fractions_outside_zero_to_one_half_are_refused(double beta)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new TrimmedMeanAggregator(beta));
        Assert.Contains("[0, 0.5)", error.Message, StringComparison.Ordinal);
    }

    [Property(MaxTest = 40)]
    public Property Trimmed_mean_ignores_up_to_beta_n_huge_outliers_per_side(PositiveInt honestCount, int seed)
    {
        var honest = 4 + (honestCount.Get % 12);
        var aggregator = new TrimmedMeanAggregator(0.2);
        var total = honest;
        while (aggregator.TrimCount(total + 1) >= (total + 1 - honest))
        {
            total++;
        }

        var updates = Updates.Honest(honest, 200, -2f, 0.5f, seed);
        updates.AddRange(Updates.Honest(total - honest, 200, 3e30f, 1e29f, seed + 1, "z"));

        var result = aggregator.Aggregate(updates);

        return result.Update.All(v => v is >= -2.5f and <= -1.5f).ToProperty();
    }
}
