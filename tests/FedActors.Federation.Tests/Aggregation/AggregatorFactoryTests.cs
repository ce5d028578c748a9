using FedActors.Federation.Aggregation;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FedActors.Federation.Tests.Aggregation;

public sealed class AggregatorFactoryTests
{
    [Fact]
    public void Every_documented_name_creates_an_aggregator_of_that_name()
    {
        foreach (var name in AggregatorFactory.Names)
        {
            Assert.Equal(name, AggregatorFactory.Create(name, RobustAggregationOptions.Default).Name);
        }
    }

    [Fact]
    public void Secure_sum_is_not_a_plaintext_aggregator()
    {
        var error = Assert.Throws<ArgumentException>(() => AggregatorFactory.Create("secure-sum", RobustAggregationOptions.Default));
        Assert.Contains("valid: mean, median", error.Message, StringComparison.Ordinal);
    }

    [Property(MaxTest = 30)]
    public Property Every_aggregator_is_bitwise_invariant_under_permutation_of_its_inputs(PositiveInt clients, int seed)
    {
        var updates = Updates.Honest(5 + (clients.Get % 8), 33, 0.5f, 2f, seed);
        var shuffled = Updates.Shuffled(updates, seed ^ 0x5eed);

        return AggregatorFactory.Names.All(name =>
        {
            var aggregator = AggregatorFactory.Create(name, RobustAggregationOptions.Default with { NormBound = 3 });
            var a = aggregator.Aggregate(updates);
            var b = aggregator.Aggregate(shuffled);
            return a.Update.SequenceEqual(b.Update) && a.Decisions.SequenceEqual(b.Decisions);
        }).ToProperty();
    }
}
