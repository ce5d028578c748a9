using FedActors.Learning.Data;
using Xunit;

namespace FedActors.Learning.Tests.Data;

public sealed class FedProxSyntheticTests
{
    [Fact]
    public void Generation_is_reproducible_from_the_seed()
    {
        var a = FedProxSynthetic.Generate(1, 1, 5, seed: 7);
        var b = FedProxSynthetic.Generate(1, 1, 5, seed: 7);
        var c = FedProxSynthetic.Generate(1, 1, 5, seed: 8);
        Assert.Equal(a.Train.Features.Span.ToArray(), b.Train.Features.Span.ToArray());
        Assert.Equal(a.Test.Labels.ToArray(), b.Test.Labels.ToArray());
        Assert.NotEqual(a.Train.Count == c.Train.Count ? a.Train.Features.Span.ToArray() : [], c.Train.Features.Span.ToArray());
    }

    [Fact]
    public void Each_client_has_at_least_45_training_samples_of_60_features_and_the_natural_partition_covers_the_training_set()
    {
        var split = FedProxSynthetic.Generate(0.5, 0.5, 8, seed: 1);
        var partition = split.NaturalPartition!;
        Assert.Equal(8, partition.ClientCount);
        Assert.Equal(60, split.Train.SampleShape.Size);
        Assert.All(partition.Sizes(), size => Assert.True(size >= 45));
        var all = Enumerable.Range(0, partition.ClientCount).SelectMany(k => partition.Indices(k).ToArray()).OrderBy(i => i).ToArray();
        Assert.Equal(Enumerable.Range(0, split.Train.Count), all);
    }

    [Fact]
    public void Clients_label_distributions_are_heterogeneous()
    {
        var split = FedProxSynthetic.Generate(1, 1, 20, seed: 3);
        var histograms = split.NaturalPartition!.LabelHistograms(split.Train);
        // Mean share of each client's most frequent label: 0.1 for uniform labels over 10 classes.
        var share = histograms.Average(h => (double)h.Max() / h.Sum());
        Assert.True(share > 0.3, $"mean top-label share {share}");
        Assert.True(histograms.Select(h => Array.IndexOf(h, h.Max())).Distinct().Count() > 1);
    }

    [Fact]
    public void Negative_alpha_is_rejected_naming_the_key() =>
        Assert.Contains("data.alpha", Assert.Throws<ArgumentOutOfRangeException>(() => FedProxSynthetic.Generate(-1, 0, 3, 1)).Message);
}
