using FedActors.Learning.Attacks;
using FedActors.Learning.Randomness;
using FedActors.Learning.Tensors;
using Xunit;

namespace FedActors.Learning.Tests.Attacks;

public sealed class LabelFlipTests
{
    private static readonly TensorShape Shape = new(1);

    [Fact]
    public void Source_samples_become_the_target_and_others_are_untouched()
    {
        int[] labels = [5, 3, 5, 1, 5];
        LabelFlip.SourceToTarget(5, 3, 10).Apply(new float[5], labels, 5, Shape, new SeededRandom(1));
        Assert.Equal([3, 3, 3, 1, 3], labels);
    }

    [Fact]
    public void All_maps_each_label_to_its_mirror()
    {
        int[] labels = [0, 1, 9, 4];
        LabelFlip.Everything(10).Apply(new float[4], labels, 4, Shape, new SeededRandom(1));
        Assert.Equal([9, 8, 0, 5], labels);
    }

    [Fact]
    public void A_fraction_flips_about_that_share_reproducibly()
    {
        int[] Run()
        {
            var labels = Enumerable.Repeat(2, 1000).ToArray();
            LabelFlip.SourceToTarget(2, 7, 10, fraction: 0.3).Apply(new float[1000], labels, 1000, Shape, new SeededRandom(4));
            return labels;
        }
        var flipped = Run().Count(l => l == 7);
        Assert.InRange(flipped, 250, 350);
        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void Labels_outside_the_classes_are_rejected_naming_the_keys() =>
        Assert.Contains("attacks.source", Assert.Throws<ArgumentOutOfRangeException>(() => LabelFlip.SourceToTarget(10, 3, 10)).Message);
}
