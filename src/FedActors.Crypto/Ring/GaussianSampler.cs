using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace FedActors.Crypto.Ring;

/// <summary>
/// Samples integers from a discrete Gaussian of standard deviation σ truncated to |x| ≤ bound (rejecting, not
/// clamping, values outside). Two methods, chosen by size:
/// <list type="bullet">
/// <item>bound ≤ 2^12 (the error distribution, σ = 3.2, bound 6σ): inversion of a cumulative table of
/// exp(−x²/2σ²) held to 63 bits, so the distribution is the discrete Gaussian up to 2^-53 relative error per entry;</item>
/// <item>larger σ (flooding noise, up to 2^60): the continuous normal from Box–Muller on 53-bit uniforms, rounded to
/// the nearest integer (statistically indistinguishable from the discrete Gaussian at these widths). Above 2^30 a
/// double cannot resolve the low bits, so the sample is the convolution k·Y + Z of two narrower samples (Micciancio
/// and Walter, CRYPTO 2017): Z has σ_Z = 8k ≫ the smoothing parameter of kZ, which fills every residue class mod k,
/// and σ_Y = √(σ² − σ_Z²)/k keeps the total variance σ².</item>
/// </list>
/// Samples are 64-bit integers (|x| &lt; 2^63), reduced into every limb of a polynomial, so a value wider than one
/// prime is represented exactly across the RNS limbs.
/// </summary>
public sealed class GaussianSampler
{
    private const int TableLimit = 1 << 12;
    private const double ConvolutionThreshold = 1L << 30;
    private const double MaxSigma = 1L << 60;
    private const double TwoTo63 = 9223372036854775808.0;
    private const double TwoToMinus53 = 1.0 / (1L << 53);

    private readonly IRandomSource _source;
    private readonly ulong[]? _cumulative;
    private readonly Vector<ulong>[] _thresholds = [];
    private readonly long _bound;
    private readonly long _k;
    private readonly double _sigmaY;
    private readonly double _sigmaZ;
    private readonly byte[] _buffer = new byte[8192];
    private int _position = 8192;
    private long[] _scratch = [];
    private double _spareNormal;
    private bool _hasSpare;

    /// <summary>Creates a sampler of standard deviation <paramref name="sigma"/> truncated at |x| ≤ <paramref name="bound"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">σ is not in (0, 2^60], or the bound is below σ or not below 2^63.</exception>
    public GaussianSampler(IRandomSource source, double sigma, double bound)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!(sigma > 0) || sigma > MaxSigma)
        {
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "σ must be in (0, 2^60].");
        }
        if (!(bound >= sigma) || bound >= TwoTo63)
        {
            throw new ArgumentOutOfRangeException(nameof(bound), bound, $"The bound must be in [σ, 2^63), σ = {sigma}.");
        }
        _source = source;
        Sigma = sigma;
        Bound = bound;
        _bound = (long)Math.Floor(bound);
        if (bound <= TableLimit)
        {
            _cumulative = BuildTable(sigma, (int)_bound);
            if (_cumulative.Length <= 64)
            {
                _thresholds = [.. _cumulative.Select(threshold => new Vector<ulong>(threshold - 1))];
            }
        }
        else if (sigma > ConvolutionThreshold)
        {
            _k = 1L << (int)(Math.Floor(Math.Log2(sigma)) - 20);
            _sigmaZ = 8.0 * _k;
            _sigmaY = Math.Sqrt(sigma * sigma - _sigmaZ * _sigmaZ) / _k;
        }
    }

    /// <summary>The standard deviation σ.</summary>
    public double Sigma { get; }

    /// <summary>The truncation bound: no sample exceeds it in absolute value.</summary>
    public double Bound { get; }

    /// <summary>Fills <paramref name="values"/> with independent samples.</summary>
    public void Sample(Span<long> values)
    {
        var j = 0;
        if (_thresholds.Length > 0 && Vector.IsHardwareAccelerated && BitConverter.IsLittleEndian)
        {
            // The table method, Vector<ulong>.Count draws at a time: the same words in the same order and the same
            // branch-free count as NextFromTable, so the samples are identical to drawing them one by one.
            var width = Vector<ulong>.Count;
            while (values.Length - j >= width)
            {
                if (_position == _buffer.Length)
                {
                    _source.Fill(_buffer);
                    _position = 0;
                }
                var words = MemoryMarshal.Cast<byte, ulong>(_buffer.AsSpan(_position));
                var take = Math.Min(words.Length, values.Length - j) / width * width;
                if (take == 0)
                {
                    // Fewer words than a vector left in the buffer: draw them one by one, then refill.
                    for (var r = words.Length; r > 0; r--)
                    {
                        values[j++] = Next();
                    }
                    continue;
                }
                SampleFromTable(words[..take], values.Slice(j, take));
                _position += 8 * take;
                j += take;
            }
        }
        for (; j < values.Length; j++)
        {
            values[j] = Next();
        }
    }

    private void SampleFromTable(ReadOnlySpan<ulong> words, Span<long> values)
    {
        var one = Vector<ulong>.One;
        for (var j = 0; j < words.Length; j += Vector<ulong>.Count)
        {
            var word = new Vector<ulong>(words[j..]);
            var u = Vector.ShiftRightLogical(word, 1);
            var k = Vector<ulong>.Zero;
            foreach (var threshold in _thresholds)
            {
                k += Vector.ShiftRightLogical(threshold - u, 63);
            }
            var sign = Vector<long>.Zero - Vector.AsVectorInt64(word & one);
            ((Vector.AsVectorInt64(k) ^ sign) - sign).CopyTo(values[j..]);
        }
    }

    /// <summary>Overwrites every limb of <paramref name="result"/> (coefficient domain) with one sampled polynomial. Not thread-safe.</summary>
    public void Sample(RnsRing ring, RnsPolynomial result)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(result);
        if (_scratch.Length != ring.N)
        {
            _scratch = new long[ring.N];
        }
        var values = _scratch;
        Sample(values);
        var limbs = result.LimbCount;
        for (var i = 0; i < limbs; i++)
        {
            var m = ring.Moduli[i];
            var limb = result.Limb(i);
            if (_bound < (long)m.Value)
            {
                // |x| < q: adding q to negative values is the reduction; branch-free because the sign is random.
                var q = m.Value;
                for (var j = 0; j < values.Length; j++)
                {
                    var x = values[j];
                    limb[j] = (ulong)x + (q & (ulong)(x >> 63));
                }
            }
            else
            {
                for (var j = 0; j < values.Length; j++)
                {
                    limb[j] = m.ReduceSigned(values[j]);
                }
            }
        }
        CryptographicOperations.ZeroMemory(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
    }

    /// <summary>Returns one sample.</summary>
    public long Next()
    {
        if (_cumulative is not null)
        {
            return NextFromTable(_cumulative);
        }
        while (true)
        {
            long x;
            if (_k == 0)
            {
                x = (long)Math.Round(Sigma * NextNormal(), MidpointRounding.ToEven);
            }
            else
            {
                var y = (long)Math.Round(_sigmaY * NextNormal(), MidpointRounding.ToEven);
                var z = (long)Math.Round(_sigmaZ * NextNormal(), MidpointRounding.ToEven);
                x = y * _k + z;
            }
            if (x >= -_bound && x <= _bound)
            {
                return x;
            }
        }
    }

    private long NextFromTable(ulong[] cumulative)
    {
        var word = NextWord();
        var u = word >> 1;
        long k = 0;
        if (cumulative.Length <= 64)
        {
            // Count the thresholds u passes, without branches: a data-dependent early exit mispredicts often.
            foreach (var threshold in cumulative)
            {
                k += (long)((threshold - 1 - u) >> 63);
            }
        }
        else
        {
            while (u >= cumulative[k])
            {
                k++;
            }
        }
        var sign = -(long)(word & 1);
        return (k ^ sign) - sign;
    }

    private double NextNormal()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spareNormal;
        }
        // u1 in (0, 1] so that the logarithm is finite; both uniforms carry 53 random bits.
        var u1 = ((NextWord() >> 11) + 1) * TwoToMinus53;
        var u2 = (NextWord() >> 11) * TwoToMinus53;
        var radius = Math.Sqrt(-2.0 * Math.Log(u1));
        var (sin, cos) = Math.SinCos(2.0 * Math.PI * u2);
        _spareNormal = radius * sin;
        _hasSpare = true;
        return radius * cos;
    }

    private ulong NextWord()
    {
        if (_position == _buffer.Length)
        {
            _source.Fill(_buffer);
            _position = 0;
        }
        var w = BinaryPrimitives.ReadUInt64LittleEndian(_buffer.AsSpan(_position));
        _position += 8;
        return w;
    }

    private static ulong[] BuildTable(double sigma, int bound)
    {
        // P(|X| = k) ∝ ρ(k) for k = 0 and 2ρ(k) for k > 0; the sign is drawn separately. Zero with a negative sign
        // is zero, so the table is built on |X| and the sign bit is harmless.
        var weights = new double[bound + 1];
        var total = 0.0;
        for (var k = 0; k <= bound; k++)
        {
            weights[k] = Math.Exp(-(double)k * k / (2 * sigma * sigma)) * (k == 0 ? 1 : 2);
            total += weights[k];
        }
        var table = new ulong[bound + 1];
        var sum = 0.0;
        for (var k = 0; k <= bound; k++)
        {
            sum += weights[k];
            table[k] = (ulong)Math.Min(sum / total * TwoTo63, TwoTo63);
        }
        table[bound] = 1UL << 63;
        return table;
    }
}
