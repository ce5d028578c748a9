using FedActors.Crypto.Multiparty;
using FedActors.Crypto.Ring;

namespace FedActors.Crypto.Tests.Multiparty;

/// <summary>Statistical checks of the ziggurat flooding sampler; tolerances are 5 standard errors of each estimator for n samples.</summary>
public sealed class FloodingSamplerTests
{
    private const int Count = 400_000;

    [Fact]
    public void Normals_have_the_moments_and_tails_of_the_standard_normal()
    {
        using var source = SeededRandomSource.FromLabel("ziggurat", 1);
        var sampler = new FloodingSampler(source, 1 << 20, 12 << 20);
        var g = new double[Count];
        for (var k = 0; k < Count; k++)
        {
            g[k] = sampler.NextNormal();
        }
        var mean = g.Average();
        var variance = g.Select(x => (x - mean) * (x - mean)).Average();
        var fourth = g.Select(x => x * x * x * x).Average();
        Assert.InRange(mean, -5 / Math.Sqrt(Count), 5 / Math.Sqrt(Count));
        Assert.InRange(variance, 1 - 5 * Math.Sqrt(2.0 / Count), 1 + 5 * Math.Sqrt(2.0 / Count));
        Assert.InRange(fourth, 3 - 5 * Math.Sqrt(96.0 / Count), 3 + 5 * Math.Sqrt(96.0 / Count));
        // Beyond 2σ (the layers) and beyond 3.5σ (the tail method past R = 3.44).
        AssertFraction(g.Count(x => Math.Abs(x) > 2), 0.0455003);
        AssertFraction(g.Count(x => Math.Abs(x) > 3.5), 4.6525e-4);
        AssertFraction(g.Count(x => x > 0), 0.5);
    }

    [Theory]
    [InlineData(34.4, 12.0)]
    [InlineData(20.0, 1.5)]
    public void Batches_equal_one_normal_at_a_time_from_the_same_stream_bounds_and_tails_included(double log2Sigma, double boundInSigmas)
    {
        // A bound of 1.5σ rejects 13% of the draws, so the exact path runs often; 12σ leaves only layer edges and tails.
        var sigma = Math.Pow(2, log2Sigma);
        using var batchSource = SeededRandomSource.FromLabel("flooding-batch", (long)log2Sigma);
        using var singleSource = SeededRandomSource.FromLabel("flooding-batch", (long)log2Sigma);
        var batch = new FloodingSampler(batchSource, sigma, boundInSigmas * sigma);
        var single = new FloodingSampler(singleSource, sigma, boundInSigmas * sigma);
        var bound = Math.Floor(boundInSigmas * sigma);
        foreach (var length in new[] { 4096, 1, 1023, 4096, 3 })
        {
            var values = new long[length];
            batch.Sample(values);
            var expected = new List<long>(length);
            while (expected.Count < length)
            {
                var x = Math.Round(sigma * single.NextNormal(), MidpointRounding.ToEven);
                if (Math.Abs(x) <= bound)
                {
                    expected.Add((long)x);
                }
            }
            Assert.Equal(expected, values);
        }
    }

    [Fact]
    public void Integer_samples_have_variance_sigma_squared_and_respect_the_bound()
    {
        using var source = SeededRandomSource.FromLabel("flooding", 2);
        var sigma = Math.Pow(2, 34.4);
        var sampler = new FloodingSampler(source, sigma, 3 * sigma);
        var values = new long[Count];
        sampler.Sample(values);
        var variance = values.Select(v => (double)v * v).Average();
        // Truncation at 3σ removes 0.27% of the mass and shrinks the variance to 0.9733σ².
        Assert.InRange(variance / (sigma * sigma), 0.9733 - 5 * Math.Sqrt(2.0 / Count), 0.9733 + 5 * Math.Sqrt(2.0 / Count));
        Assert.All(values, v => Assert.InRange(Math.Abs((double)v), 0, 3 * sigma));
        Assert.True(values.Count(v => (v & 1) == 1) is > Count / 2 - 2000 and < Count / 2 + 2000, "low bits are uniform");
    }

    private static void AssertFraction(int hits, double p)
    {
        var tolerance = 5 * Math.Sqrt(p * (1 - p) / Count);
        Assert.InRange((double)hits / Count, p - tolerance, p + tolerance);
    }
}
