using FedActors.Crypto.Ring;

namespace FedActors.Crypto.Tests.Ring;

/// <summary>
/// Statistical checks with fixed seeds. Tolerances are 5 standard errors for the sample size (mean: σ/√n;
/// variance: σ²·√(2/n); frequency p: √(p(1−p)/n)), so a correct sampler fails with probability below 10^-6 per check.
/// </summary>
public sealed class SamplerTests
{
    private const int Samples = 200_000;

    [Theory]
    [InlineData(3.2, 19.2)]
    [InlineData(100.0, 600.0)]
    [InlineData(65536.0, 393216.0)]
    [InlineData(1e12, 6e12)]
    [InlineData(1.152921504606847e18, 6.9e18)]
    public void Gaussian_samples_have_the_requested_mean_variance_and_bound(double sigma, double bound)
    {
        using var source = SeededRandomSource.FromLabel("gaussian", (long)Math.Log2(sigma));
        var sampler = new GaussianSampler(source, sigma, bound);
        var values = new long[Samples];
        sampler.Sample(values);
        var mean = values.Average(x => (double)x);
        var variance = values.Average(x => ((double)x - mean) * ((double)x - mean));
        Assert.InRange(mean, -5 * sigma / Math.Sqrt(Samples), 5 * sigma / Math.Sqrt(Samples));
        var tolerance = 5 * sigma * sigma * Math.Sqrt(2.0 / Samples);
        Assert.InRange(variance, sigma * sigma - tolerance, sigma * sigma + tolerance);
        Assert.All(values, x => Assert.True(Math.Abs((double)x) <= bound));
    }

    [Fact]
    public void Large_gaussian_samples_fill_the_low_bits_uniformly()
    {
        using var source = SeededRandomSource.FromLabel("gaussian-low-bits", 1);
        var sampler = new GaussianSampler(source, 1e15, 6e15);
        var values = new long[Samples];
        sampler.Sample(values);
        // Each of the eight lowest bits is a fair coin: a sampler built on a double alone would leave them zero.
        for (var bit = 0; bit < 8; bit++)
        {
            var ones = values.Count(x => ((x >> bit) & 1) != 0) / (double)Samples;
            Assert.InRange(ones, 0.5 - 5 * Math.Sqrt(0.25 / Samples), 0.5 + 5 * Math.Sqrt(0.25 / Samples));
        }
    }

    [Fact]
    public void Small_gaussian_frequencies_follow_the_discrete_gaussian()
    {
        using var source = SeededRandomSource.FromLabel("gaussian-cdt", 1);
        var sigma = 3.2;
        var sampler = new GaussianSampler(source, sigma, 6 * sigma);
        var values = new long[Samples];
        sampler.Sample(values);
        var total = Enumerable.Range(-19, 39).Sum(k => Math.Exp(-k * k / (2 * sigma * sigma)));
        foreach (var k in new[] { 0, 1, -1, 3, -5 })
        {
            var p = Math.Exp(-k * k / (2 * sigma * sigma)) / total;
            var observed = values.Count(x => x == k) / (double)Samples;
            var tolerance = 5 * Math.Sqrt(p * (1 - p) / Samples);
            Assert.InRange(observed, p - tolerance, p + tolerance);
        }
    }

    [Theory]
    [InlineData(3.2, 19.2)]
    [InlineData(1.0, 6.0)]
    [InlineData(10.0, 60.0)]
    public void Small_gaussian_batches_draw_exactly_what_one_by_one_draws_give_from_the_same_stream(double sigma, double bound)
    {
        using var batchSource = SeededRandomSource.FromLabel("gaussian-batch", (long)sigma);
        using var singleSource = SeededRandomSource.FromLabel("gaussian-batch", (long)sigma);
        var batch = new GaussianSampler(batchSource, sigma, bound);
        var single = new GaussianSampler(singleSource, sigma, bound);
        // Odd lengths and a lone draw between batches leave the buffer at every alignment, including its last words.
        foreach (var length in new[] { 4096, 3, 1021, 1, 4099, 7, 2048 })
        {
            var values = new long[length];
            batch.Sample(values);
            var expected = Enumerable.Range(0, length).Select(_ => single.Next()).ToArray();
            Assert.Equal(expected, values);
            Assert.Equal(single.Next(), batch.Next());
        }
    }

    [Fact]
    public void Ternary_values_are_uniform_over_minus_one_zero_and_one()
    {
        using var source = SeededRandomSource.FromLabel("ternary", 1);
        var values = new sbyte[Samples];
        new TernarySampler(source).Sample(values);
        var tolerance = 5 * Math.Sqrt(2.0 / 9 / Samples);
        foreach (var v in new sbyte[] { -1, 0, 1 })
        {
            Assert.InRange(values.Count(x => x == v) / (double)Samples, 1.0 / 3 - tolerance, 1.0 / 3 + tolerance);
        }
        Assert.All(values, x => Assert.InRange(x, (sbyte)-1, (sbyte)1));
    }

    [Fact]
    public void Uniform_residues_are_below_each_prime_with_the_uniform_mean()
    {
        using var source = SeededRandomSource.FromLabel("uniform", 1);
        var ring = new RnsRing(12, NttPrimes.Generate(12, [61, 35, 20]));
        var p = new UniformSampler(source).Sample(ring);
        for (var i = 0; i <= ring.MaxLevel; i++)
        {
            var q = (double)ring.Moduli[i].Value;
            var limb = p.Limb(i).ToArray();
            Assert.All(limb, x => Assert.True(x < ring.Moduli[i].Value));
            var tolerance = 5 * q / Math.Sqrt(12.0 * limb.Length);
            Assert.InRange(limb.Average(x => (double)x), q / 2 - tolerance, q / 2 + tolerance);
        }
    }

    [Fact]
    public void A_seeded_source_replays_the_same_bytes_and_different_seeds_differ()
    {
        using var a = SeededRandomSource.FromLabel("replay", 1);
        using var b = SeededRandomSource.FromLabel("replay", 1);
        using var c = SeededRandomSource.FromLabel("replay", 2);
        var x = new byte[10_000];
        var y = new byte[10_000];
        var z = new byte[10_000];
        a.Fill(x.AsSpan(0, 17));
        a.Fill(x.AsSpan(17));
        b.Fill(y);
        c.Fill(z);
        Assert.Equal(x, y);
        Assert.NotEqual(x, z);
        Assert.True(a.IsDeterministic);
        Assert.False(SystemRandomSource.Instance.IsDeterministic);
    }

    [Fact]
    public void Invalid_gaussian_widths_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianSampler(SystemRandomSource.Instance, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianSampler(SystemRandomSource.Instance, 4, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianSampler(SystemRandomSource.Instance, 1e19, 1e20));
    }
}
