using FedActors.Federation.Aggregation;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FedActors.Federation.Tests.Aggregation;

public sealed class SelectionTests
{
    [Property(MaxTest = 300)]
    public Property Select_puts_the_k_th_smallest_at_k_with_smaller_before_and_larger_after(NonEmptyArray<NormalFloat> input, int seed)
    {
        var values = input.Get.Select(v => (float)v.Get).ToArray();
        var k = Math.Abs(seed % values.Length);
        var sorted = values.Order().ToArray();

        Selection.Select(values, k);

        return (values[k] == sorted[k]
                && values[..k].All(v => v <= values[k])
                && values[(k + 1)..].All(v => v >= values[k])
                && values.Order().SequenceEqual(sorted)).ToProperty();
    }

    [Fact]
    public void Select_handles_sorted_reversed_and_constant_columns()
    {
        foreach (var column in new[]
        {
            Enumerable.Range(0, 101).Select(i => (float)i).ToArray(),
            Enumerable.Range(0, 101).Select(i => (float)(100 - i)).ToArray(),
            Enumerable.Repeat(3f, 101).ToArray(),
            Enumerable.Range(0, 101).Select(i => (float)(i % 2)).ToArray(),
        })
        {
            var expected = column.Order().ElementAt(50);
            Selection.Select(column, 50);
            Assert.Equal(expected, column[50]);
        }
    }
}
