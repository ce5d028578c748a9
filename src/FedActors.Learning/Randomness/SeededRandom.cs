namespace FedActors.Learning.Randomness;

/// <summary>
/// A deterministic pseudo-random generator (xoshiro256**, seeded through SplitMix64): the same seed
/// gives the same sequence on every platform and .NET version, which <see cref="Random"/> does not
/// promise. Used for initialisation, shuffling, partitioning and data generation; never for secrets.
/// Not thread-safe: give each thread its own instance (see <see cref="Fork"/>).
/// </summary>
public sealed class SeededRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;
    private double _spareGaussian = double.NaN;

    /// <summary>Creates a generator whose whole sequence is determined by <paramref name="seed"/>.</summary>
    public SeededRandom(ulong seed)
    {
        var x = seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    /// <summary>Derives a seed for a named sub-stream, so independent uses of one scenario seed do not share a sequence.</summary>
    public static ulong Derive(ulong seed, ulong stream)
    {
        var x = seed ^ (stream * 0x9E3779B97F4A7C15UL);
        SplitMix(ref x);
        return SplitMix(ref x);
    }

    /// <summary>A new generator seeded from this one's next output; this generator advances by one step.</summary>
    public SeededRandom Fork() => new(NextUInt64());

    /// <summary>The next 64 uniformly distributed bits.</summary>
    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>), without modulo bias.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxExclusive"/> is not positive.</exception>
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        // Lemire's multiply-shift with rejection keeps every value equally likely.
        var bound = (ulong)maxExclusive;
        var threshold = (0UL - bound) % bound;
        while (true)
        {
            var r = NextUInt64();
            var product = Math.BigMul(r, bound, out var low);
            if (low >= threshold)
            {
                return (int)product;
            }
        }
    }

    /// <summary>A uniform float in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public float NextUniform(float low, float high) => (float)(low + (high - low) * NextDouble());

    /// <summary>A standard normal variate (Marsaglia's polar method).</summary>
    public double NextGaussian()
    {
        if (!double.IsNaN(_spareGaussian))
        {
            var spare = _spareGaussian;
            _spareGaussian = double.NaN;
            return spare;
        }
        double u, v, s;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            s = u * u + v * v;
        }
        while (s >= 1 || s == 0);
        var factor = Math.Sqrt(-2 * Math.Log(s) / s);
        _spareGaussian = v * factor;
        return u * factor;
    }

    /// <summary>A Gamma(<paramref name="shape"/>, 1) variate (Marsaglia and Tsang), used for Dirichlet draws.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="shape"/> is not positive.</exception>
    public double NextGamma(double shape)
    {
        if (!(shape > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(shape), $"Gamma shape must be > 0, was {shape}.");
        }
        if (shape < 1)
        {
            // Boost to shape + 1 and correct with U^(1/shape) (Marsaglia and Tsang, section 6).
            var u = NextDouble();
            return NextGamma(shape + 1) * Math.Pow(u == 0 ? double.Epsilon : u, 1 / shape);
        }
        var d = shape - 1.0 / 3;
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = NextGaussian();
                v = 1 + c * x;
            }
            while (v <= 0);
            v = v * v * v;
            var u = NextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.Log(u) < 0.5 * x * x + d * (1 - v + Math.Log(v)))
            {
                return d * v;
            }
        }
    }

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher–Yates).</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static ulong SplitMix(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        var z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
