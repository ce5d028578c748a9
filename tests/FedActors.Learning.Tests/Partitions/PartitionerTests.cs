using FedActors.Learning.Partitions;
using FsCheck.Xunit;
using Xunit;

namespace FedActors.Learning.Tests.Partitions;

public sealed class PartitionerTests
{
    private static readonly FedActors.Learning.Data.Dataset Data = TinyData.Labelled(perClass: 100, classes: 10);

    private static readonly PartitionSpec[] AllSpecs =
    [
        new(PartitionScheme.Iid),
        new(PartitionScheme.Shards),
        new(PartitionScheme.Dirichlet, Alpha: 0.1),
        new(PartitionScheme.Dirichlet, Alpha: 100),
        new(PartitionScheme.QuantitySkew, Sigma: 2),
    ];

    public static TheoryData<PartitionSpec> Specs() => new(AllSpecs);

    [Theory]
    [MemberData(nameof(Specs))]
    public void Partitions_are_reproducible_from_the_seed_disjoint_covering_and_never_empty(PartitionSpec spec)
    {
        var a = Partitioner.Split(Data, 20, spec, seed: 5);
        var b = Partitioner.Split(Data, 20, spec, seed: 5);
        var c = Partitioner.Split(Data, 20, spec, seed: 6);
        Assert.Equal(20, a.ClientCount);
        for (var k = 0; k < 20; k++)
        {
            Assert.Equal(a.Indices(k).ToArray(), b.Indices(k).ToArray());
            Assert.NotEmpty(a.Indices(k).ToArray());
        }
        Assert.Contains(Enumerable.Range(0, 20), k => !a.Indices(k).SequenceEqual(c.Indices(k)));
        var all = Enumerable.Range(0, 20).SelectMany(k => a.Indices(k).ToArray()).OrderBy(i => i).ToArray();
        Assert.Equal(Enumerable.Range(0, Data.Count), all);
        Assert.Equal(Data.LabelCounts(), Enumerable.Range(0, 10).Select(l => a.LabelHistograms(Data).Sum(h => h[l])).ToArray());
    }

    [Property(MaxTest = 60)]
    public void Every_scheme_covers_the_data_exactly_once_for_any_client_count_and_seed(byte clientsByte, ulong seed, byte schemeByte)
    {
        var clients = 1 + clientsByte % 120;
        var partition = Partitioner.Split(Data, clients, AllSpecs[schemeByte % AllSpecs.Length], seed);
        var all = Enumerable.Range(0, clients).SelectMany(k => partition.Indices(k).ToArray()).OrderBy(i => i).ToArray();
        Assert.Equal(Enumerable.Range(0, Data.Count), all);
        Assert.All(partition.Sizes(), s => Assert.True(s > 0));
    }

    [Fact]
    public void Shards_give_most_clients_at_most_two_labels()
    {
        var partition = Partitioner.Split(Data, 50, new PartitionSpec(PartitionScheme.Shards), seed: 1);
        var labelsPerClient = partition.LabelHistograms(Data).Select(h => h.Count(n => n > 0)).ToArray();
        Assert.All(labelsPerClient, n => Assert.InRange(n, 1, 2));
        Assert.All(partition.Sizes(), s => Assert.Equal(20, s));
    }

    [Fact]
    public void Dirichlet_skew_increases_as_alpha_falls()
    {
        double Skew(double alpha)
        {
            var partition = Partitioner.Split(Data, 10, new PartitionSpec(PartitionScheme.Dirichlet, Alpha: alpha), seed: 2);
            return partition.LabelHistograms(Data).Average(h => (double)h.Max() / h.Sum());
        }
        var skews = new[] { 100, 1, 0.1 }.Select(Skew).ToArray();
        Assert.True(skews[0] < skews[1] && skews[1] < skews[2], string.Join(", ", skews));
        Assert.True(skews[0] < 0.2);
        Assert.True(skews[2] > 0.5);
    }

    [Fact]
    public void Quantity_skew_makes_client_sizes_unequal_while_iid_keeps_them_equal()
    {
        var skewed = Partitioner.Split(Data, 10, new PartitionSpec(PartitionScheme.QuantitySkew, Sigma: 1.5), seed: 3).Sizes();
        var iid = Partitioner.Split(Data, 10, new PartitionSpec(PartitionScheme.Iid), seed: 3).Sizes();
        Assert.True(skewed.Max() > 3 * skewed.Min(), string.Join(", ", skewed));
        Assert.All(iid, s => Assert.Equal(100, s));
    }

    [Fact]
    public void More_clients_than_samples_and_bad_parameters_are_rejected_naming_the_key()
    {
        Assert.Contains("federation.clients", Assert.Throws<ArgumentOutOfRangeException>(() =>
            Partitioner.Split(Data, 1001, new PartitionSpec(PartitionScheme.Iid), 1)).Message);
        Assert.Contains("data.partition.alpha must be > 0, was 0", Assert.Throws<ArgumentOutOfRangeException>(() =>
            Partitioner.Split(Data, 10, new PartitionSpec(PartitionScheme.Dirichlet, Alpha: 0), 1)).Message);
        Assert.Contains("iid, shards, dirichlet or quantity-skew", Assert.Throws<ArgumentException>(() => PartitionSpec.ParseScheme("random")).Message);
    }
}
