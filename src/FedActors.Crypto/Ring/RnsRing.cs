using System.Numerics;

namespace FedActors.Crypto.Ring;

/// <summary>
/// The ring Z_Q[X]/(X^N + 1) for Q = q_0·q_1·…·q_L, a product of distinct NTT-friendly primes, with every operation
/// on <see cref="RnsPolynomial"/>s. Binary operations work on the limbs 0 … min(levels of the operands and the result),
/// so a polynomial at a lower level simply uses fewer primes. Arithmetic is exact modular arithmetic; the instruction
/// path (<see cref="Path"/>) never changes a result. An operand with more limbs than the ring (a key over Q·P used
/// with the ring over Q) is read through its first limbs.
/// </summary>
public sealed class RnsRing
{
    private readonly NttTables[] _tables;
    private readonly Modulus[] _moduli;
    private readonly BigInteger[] _products;
    private readonly BigInteger[][] _crtCoefficients;

    /// <summary>
    /// Creates the ring of degree 2^<paramref name="logN"/> over the given primes (each ≡ 1 mod 2N, distinct), running on
    /// <paramref name="path"/> (default: <see cref="NttTables.BestPath"/>).
    /// </summary>
    /// <exception cref="ArgumentException">A modulus is not an NTT-friendly prime for N, or two are equal.</exception>
    public RnsRing(int logN, IReadOnlyList<ulong> moduli, NttPath? path = null)
    {
        ArgumentNullException.ThrowIfNull(moduli);
        if (moduli.Count == 0)
        {
            throw new ArgumentException("A ring needs at least one prime.", nameof(moduli));
        }
        if (moduli.Distinct().Count() != moduli.Count)
        {
            throw new ArgumentException("The primes of a ring must be distinct.", nameof(moduli));
        }
        LogN = logN;
        N = 1 << logN;
        Path = path ?? NttTables.BestPath;
        if (!NttTables.IsSupported(Path))
        {
            throw new PlatformNotSupportedException($"This processor cannot run the {Path} path.");
        }
        _moduli = moduli.Select(q => new Modulus(q)).ToArray();
        _tables = _moduli.Select(m => new NttTables(m, logN)).ToArray();
        _products = new BigInteger[_moduli.Length];
        _crtCoefficients = new BigInteger[_moduli.Length][];
        var product = BigInteger.One;
        for (var level = 0; level < _moduli.Length; level++)
        {
            product *= _moduli[level].Value;
            _products[level] = product;
            _crtCoefficients[level] = new BigInteger[level + 1];
            for (var i = 0; i <= level; i++)
            {
                var qi = _moduli[i].Value;
                var hat = product / qi;
                var hatInverse = _moduli[i].Inverse(_moduli[i].Reduce(hat));
                _crtCoefficients[level][i] = hat * hatInverse;
            }
        }
    }

    /// <summary>The degree N.</summary>
    public int N { get; }

    /// <summary>log2 N.</summary>
    public int LogN { get; }

    /// <summary>The highest level: the number of primes minus one.</summary>
    public int MaxLevel => _moduli.Length - 1;

    /// <summary>The primes, in limb order.</summary>
    public IReadOnlyList<Modulus> Moduli => _moduli;

    /// <summary>The instruction path used by the transforms and kernels of this ring.</summary>
    public NttPath Path { get; }

    /// <summary>The NTT tables of limb <paramref name="index"/>.</summary>
    public NttTables Tables(int index) => _tables[index];

    /// <summary>The product q_0·…·q_level.</summary>
    public BigInteger ModulusAtLevel(int level) => _products[level];

    /// <summary>Returns a ring with the same primes whose operations run on another instruction path.</summary>
    public RnsRing WithPath(NttPath path) => new(LogN, _moduli.Select(m => m.Value).ToArray(), path);

    /// <summary>Allocates a zero polynomial at <paramref name="level"/> (default: the highest).</summary>
    public RnsPolynomial NewPolynomial(int level = -1)
    {
        var limbs = level < 0 ? _moduli.Length : level + 1;
        if (limbs > _moduli.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, $"The ring has levels 0 … {MaxLevel}.");
        }
        return new RnsPolynomial(N, limbs);
    }

    /// <summary>Transforms every limb of <paramref name="p"/> from coefficients to NTT evaluations, in place.</summary>
    public void Forward(RnsPolynomial p)
    {
        CheckPolynomial(p);
        for (var i = 0; i < p.LimbCount; i++)
        {
            _tables[i].Forward(p.Limb(i), Path);
        }
    }

    /// <summary>Transforms every limb of <paramref name="p"/> from NTT evaluations back to coefficients, in place.</summary>
    public void Inverse(RnsPolynomial p)
    {
        CheckPolynomial(p);
        for (var i = 0; i < p.LimbCount; i++)
        {
            _tables[i].Inverse(p.Limb(i), Path);
        }
    }

    /// <summary>result = a + b (any domain).</summary>
    public void Add(RnsPolynomial a, RnsPolynomial b, RnsPolynomial result)
    {
        var limbs = CommonLimbs(a, b, result);
        for (var i = 0; i < limbs; i++)
        {
            VectorKernels.Add(a.Limb(i), b.Limb(i), result.Limb(i), _moduli[i].Value, Path);
        }
    }

    /// <summary>result = a − b (any domain).</summary>
    public void Sub(RnsPolynomial a, RnsPolynomial b, RnsPolynomial result)
    {
        var limbs = CommonLimbs(a, b, result);
        for (var i = 0; i < limbs; i++)
        {
            VectorKernels.Sub(a.Limb(i), b.Limb(i), result.Limb(i), _moduli[i].Value, Path);
        }
    }

    /// <summary>result = −a (any domain).</summary>
    public void Negate(RnsPolynomial a, RnsPolynomial result)
    {
        var limbs = CommonLimbs(a, a, result);
        for (var i = 0; i < limbs; i++)
        {
            var m = _moduli[i];
            var x = a.Limb(i);
            var r = result.Limb(i);
            for (var j = 0; j < N; j++)
            {
                r[j] = m.Negate(x[j]);
            }
        }
    }

    /// <summary>result = a ⊙ b, the coefficient-wise product; in the NTT domain this is the ring product.</summary>
    public void MulCoefficients(RnsPolynomial a, RnsPolynomial b, RnsPolynomial result)
    {
        var limbs = CommonLimbs(a, b, result);
        for (var i = 0; i < limbs; i++)
        {
            VectorKernels.MulBarrett(a.Limb(i), b.Limb(i), result.Limb(i), _moduli[i]);
        }
    }

    /// <summary>
    /// result = a ⊙ b given the Shoup companions of b (<see cref="ShoupCompanions"/>): the fast product by a fixed
    /// operand such as a key.
    /// </summary>
    public void MulCoefficientsShoup(RnsPolynomial a, RnsPolynomial b, RnsPolynomial bShoup, RnsPolynomial result)
    {
        var limbs = Math.Min(CommonLimbs(a, b, result), bShoup.LimbCount);
        for (var i = 0; i < limbs; i++)
        {
            VectorKernels.MulShoup(a.Limb(i), b.Limb(i), bShoup.Limb(i), result.Limb(i), _moduli[i].Value, Path);
        }
    }

    /// <summary>Returns the Shoup companions ⌊b·2^64/q_i⌋ of every residue of <paramref name="b"/>.</summary>
    public RnsPolynomial ShoupCompanions(RnsPolynomial b)
    {
        CheckPolynomial(b);
        var result = new RnsPolynomial(N, b.LimbCount);
        for (var i = 0; i < b.LimbCount; i++)
        {
            var m = _moduli[i];
            var src = b.Limb(i);
            var dst = result.Limb(i);
            for (var j = 0; j < N; j++)
            {
                dst[j] = m.ShoupCompanion(src[j]);
            }
        }
        return result;
    }

    /// <summary>result = c·a for an integer constant c (any sign; any domain).</summary>
    public void MulScalar(RnsPolynomial a, BigInteger c, RnsPolynomial result)
    {
        var limbs = CommonLimbs(a, a, result);
        for (var i = 0; i < limbs; i++)
        {
            var m = _moduli[i];
            var w = m.Reduce(c);
            VectorKernels.MulScalarShoup(a.Limb(i), w, m.ShoupCompanion(w), result.Limb(i), m.Value, Path);
        }
    }

    /// <summary>Writes the signed integers <paramref name="values"/> (N of them) into every limb of <paramref name="result"/>.</summary>
    public void SetSigned(ReadOnlySpan<long> values, RnsPolynomial result)
    {
        CheckPolynomial(result);
        CheckLength(values.Length);
        for (var i = 0; i < result.LimbCount; i++)
        {
            var m = _moduli[i];
            var r = result.Limb(i);
            for (var j = 0; j < N; j++)
            {
                r[j] = m.ReduceSigned(values[j]);
            }
        }
    }

    /// <summary>Writes the integers <paramref name="values"/> (N of them, any size and sign) into every limb: the CRT decomposition.</summary>
    public void SetBig(ReadOnlySpan<BigInteger> values, RnsPolynomial result)
    {
        CheckPolynomial(result);
        CheckLength(values.Length);
        for (var i = 0; i < result.LimbCount; i++)
        {
            var m = _moduli[i];
            var r = result.Limb(i);
            for (var j = 0; j < N; j++)
            {
                r[j] = m.Reduce(values[j]);
            }
        }
    }

    /// <summary>
    /// CRT composition: returns the N integers that <paramref name="p"/> represents modulo Q_level, in [0, Q) or, when
    /// <paramref name="centered"/>, in (−Q/2, Q/2].
    /// </summary>
    public BigInteger[] Compose(RnsPolynomial p, bool centered)
    {
        CheckPolynomial(p);
        var level = p.Level;
        var q = _products[level];
        var half = q >> 1;
        var coefficients = _crtCoefficients[level];
        var result = new BigInteger[N];
        for (var j = 0; j < N; j++)
        {
            var x = BigInteger.Zero;
            for (var i = 0; i <= level; i++)
            {
                x += coefficients[i] * p.Limb(i)[j];
            }
            x %= q;
            result[j] = centered && x > half ? x - q : x;
        }
        return result;
    }

    /// <summary>
    /// Writes the centered integers (in (−Q/2, Q/2]) that <paramref name="p"/> represents, each multiplied by
    /// <paramref name="factor"/>, as doubles. Uses Garner's mixed-radix form in 128-bit arithmetic when Q &lt; 2^126,
    /// which is the fast path of decoding; the result is the exact integer rounded once to double, then scaled.
    /// </summary>
    public void ComposeCentered(RnsPolynomial p, double factor, Span<double> output)
    {
        CheckPolynomial(p);
        CheckLength(output.Length);
        var level = p.Level;
        if (BigInteger.Log(_products[level], 2) >= 126)
        {
            var big = Compose(p, centered: true);
            for (var j = 0; j < N; j++)
            {
                output[j] = (double)big[j] * factor;
            }
            return;
        }
        // Garner: x = v_0 + v_1·q_0 + v_2·q_0·q_1 + …, each digit v_i in [0, q_i), computed limb by limb.
        var inverses = new ulong[level + 1, level + 1];
        for (var i = 1; i <= level; i++)
        {
            for (var k = 0; k < i; k++)
            {
                inverses[k, i] = _moduli[i].Inverse(_moduli[i].Reduce(_moduli[k].Value));
            }
        }
        var q = (UInt128)_products[level];
        var half = q >> 1;
        Span<ulong> digits = stackalloc ulong[level + 1];
        for (var j = 0; j < N; j++)
        {
            for (var i = 0; i <= level; i++)
            {
                var mi = _moduli[i];
                var v = p.Limb(i)[j];
                for (var k = 0; k < i; k++)
                {
                    v = mi.Mul(mi.Sub(v, mi.Reduce(digits[k])), inverses[k, i]);
                }
                digits[i] = v;
            }
            UInt128 x = 0;
            for (var i = level; i >= 0; i--)
            {
                x = x * _moduli[i].Value + digits[i];
            }
            output[j] = (x > half ? -(double)(q - x) : (double)x) * factor;
        }
    }

    /// <summary>
    /// Divides the coefficients of <paramref name="p"/> (coefficient domain) by its last prime q_L with rounding to the
    /// nearest integer and drops that limb: the RNS rescaling of CKKS, and the division by the special primes P after
    /// an encryption over Q·P. The error added is at most 1/2 per coefficient.
    /// </summary>
    /// <exception cref="InvalidOperationException">The polynomial is at level 0.</exception>
    public void Rescale(RnsPolynomial p)
    {
        CheckPolynomial(p);
        if (p.Level == 0)
        {
            throw new InvalidOperationException("A polynomial at level 0 has no prime left to divide by.");
        }
        var last = _moduli[p.Level];
        var qLast = last.Value;
        var halfLast = qLast >> 1;
        var top = p.Limb(p.Level);
        var centered = new ulong[N];
        for (var i = 0; i < p.Level; i++)
        {
            var m = _moduli[i];
            var inverse = m.Inverse(m.Reduce(qLast));
            var qLastModQi = m.Reduce(qLast);
            for (var j = 0; j < N; j++)
            {
                // The centered remainder r of the coefficient modulo q_L, reduced mod q_i; (x − r) is then divisible by q_L.
                var r = top[j];
                var negative = (ulong)((long)(halfLast - r) >> 63);
                centered[j] = m.Sub(m.Reduce(r), qLastModQi & negative);
            }
            var limb = p.Limb(i);
            VectorKernels.Sub(limb, centered, limb, m.Value, Path);
            VectorKernels.MulScalarShoup(limb, inverse, m.ShoupCompanion(inverse), limb, m.Value, Path);
        }
        p.DropToLevel(p.Level - 1);
    }

    private void CheckPolynomial(RnsPolynomial p)
    {
        ArgumentNullException.ThrowIfNull(p);
        if (p.N != N || p.LimbCount > _moduli.Length)
        {
            throw new ArgumentException($"The polynomial (N = {p.N}, {p.LimbCount} limbs) does not belong to this ring (N = {N}, {_moduli.Length} primes).", nameof(p));
        }
    }

    private void CheckLength(int length)
    {
        if (length != N)
        {
            throw new ArgumentException($"Expected {N} values, got {length}.");
        }
    }

    private int CommonLimbs(RnsPolynomial a, RnsPolynomial b, RnsPolynomial result)
    {
        CheckOperand(a);
        CheckOperand(b);
        CheckOperand(result);
        return Math.Min(Math.Min(Math.Min(a.LimbCount, b.LimbCount), result.LimbCount), _moduli.Length);
    }

    private void CheckOperand(RnsPolynomial p)
    {
        ArgumentNullException.ThrowIfNull(p);
        if (p.N != N)
        {
            throw new ArgumentException($"The polynomial has N = {p.N}, the ring N = {N}.", nameof(p));
        }
    }
}
