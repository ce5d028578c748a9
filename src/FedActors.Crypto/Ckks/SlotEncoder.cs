using System.Numerics;
using FedActors.Crypto.Rlwe;

namespace FedActors.Crypto.Ckks;

/// <summary>
/// CKKS slot encoding through the canonical embedding: N/2 complex values z_k become the polynomial m with
/// m(ζ^(5^k)) ≈ Δ·z_k, ζ = exp(iπ/N) (the conjugate roots receive the conjugates, so m is real). The transform is
/// the "special FFT" of Cheon–Kim–Kim–Song (HEAAN) in O(N log N): encoding runs the inverse, decoding the forward
/// transform. Products of slot-encoded polynomials are slot-wise products (at scale Δ²).
/// </summary>
public sealed class SlotEncoder
{
    private readonly RlweParameters _parameters;
    private readonly int _slots;
    private readonly int _m;
    private readonly int[] _rotationGroup;
    private readonly Complex[] _roots;

    /// <summary>Creates an encoder for <paramref name="parameters"/>.</summary>
    public SlotEncoder(RlweParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = parameters;
        _slots = parameters.N / 2;
        _m = 2 * parameters.N;
        _rotationGroup = new int[_slots];
        var power = 1;
        for (var k = 0; k < _slots; k++)
        {
            _rotationGroup[k] = power;
            power = (int)((long)power * 5 % _m);
        }
        _roots = new Complex[_m + 1];
        for (var k = 0; k <= _m; k++)
        {
            var angle = 2 * Math.PI * k / _m;
            _roots[k] = new Complex(Math.Cos(angle), Math.Sin(angle));
        }
    }

    /// <summary>The number of complex slots: N/2.</summary>
    public int Slots => _slots;

    /// <summary>Encodes up to N/2 complex values (missing ones are zero) at <paramref name="scale"/> and <paramref name="level"/>.</summary>
    /// <exception cref="ArgumentException">Too many values, or a real or imaginary part is NaN or infinite (the message names its index).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value overflows the modulus at this scale.</exception>
    public Plaintext Encode(ReadOnlySpan<Complex> values, double scale, int level = -1) => Encode(values, scale, level, 0);

    internal Plaintext Encode(ReadOnlySpan<Complex> values, double scale, int level, int firstIndex)
    {
        if (values.Length > _slots)
        {
            throw new ArgumentException($"A slot-encoded plaintext holds at most {_slots} values, got {values.Length}.", nameof(values));
        }
        var limit = Math.Min((double)(_parameters.ModulusAtLevel(level < 0 ? _parameters.MaxLevel : level) / 4), Math.Pow(2, 126));
        for (var k = 0; k < values.Length; k++)
        {
            if (!double.IsFinite(values[k].Real) || !double.IsFinite(values[k].Imaginary))
            {
                throw new ArgumentException($"values[{firstIndex + k}] = {values[k]} is not a finite number; only finite values can be encoded.", nameof(values));
            }
            if (values[k].Magnitude * scale >= limit)
            {
                throw new ArgumentOutOfRangeException(nameof(values), values[k].Magnitude,
                    $"values[{firstIndex + k}] = {values[k]} overflows the modulus at scale 2^{Math.Log2(scale):F1}: |z·Δ| must stay below 2^{Math.Log2(limit):F1}, i.e. |z| < {limit / scale:G6}.");
            }
        }
        var work = new Complex[_slots];
        values.CopyTo(work);
        InverseSpecialFft(work);
        var coefficients = new double[_parameters.N];
        for (var k = 0; k < _slots; k++)
        {
            coefficients[k] = work[k].Real;
            coefficients[k + _slots] = work[k].Imaginary;
        }
        return EncodeCoefficients(coefficients, scale, level);
    }

    /// <summary>Encodes up to N/2 real values (imaginary parts zero).</summary>
    /// <exception cref="ArgumentException">Too many values, or a value is NaN or infinite (the message names its index).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value overflows the modulus at this scale.</exception>
    public Plaintext Encode(ReadOnlySpan<double> values, double scale, int level = -1) => Encode(values, scale, level, 0);

    internal Plaintext Encode(ReadOnlySpan<double> values, double scale, int level, int firstIndex)
    {
        if (values.Length > _slots)
        {
            throw new ArgumentException($"A slot-encoded plaintext holds at most {_slots} values, got {values.Length}.", nameof(values));
        }
        var complex = new Complex[values.Length];
        for (var k = 0; k < values.Length; k++)
        {
            if (!double.IsFinite(values[k]))
            {
                throw new ArgumentException($"values[{firstIndex + k}] = {values[k]} is not a finite number; only finite values can be encoded.", nameof(values));
            }
            complex[k] = values[k];
        }
        return Encode(complex, scale, level, firstIndex);
    }

    /// <summary>Decodes the N/2 complex slots of a (decrypted) slot-encoded plaintext.</summary>
    /// <exception cref="ArgumentException">The plaintext is not slot-encoded.</exception>
    public Complex[] DecodeComplex(Plaintext plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        if (plaintext.Encoding != PlaintextEncoding.Slots)
        {
            throw new ArgumentException($"The plaintext is {plaintext.Encoding}-encoded, not slot-encoded.", nameof(plaintext));
        }
        var coefficients = new double[_parameters.N];
        _parameters.RingQ.ComposeCentered(plaintext.Value, 1.0 / plaintext.Scale, coefficients);
        var work = new Complex[_slots];
        for (var k = 0; k < _slots; k++)
        {
            work[k] = new Complex(coefficients[k], coefficients[k + _slots]);
        }
        SpecialFft(work);
        return work;
    }

    /// <summary>Decodes the real parts of the N/2 slots.</summary>
    public double[] Decode(Plaintext plaintext) => DecodeComplex(plaintext).Select(z => z.Real).ToArray();

    private Plaintext EncodeCoefficients(double[] coefficients, double scale, int level)
    {
        level = level < 0 ? _parameters.MaxLevel : level;
        var scaled = new double[_parameters.N];
        // Slot values can be finite while a coefficient of their inverse embedding is not: ScaledValues reports the
        // coefficient index; with |z| bounded every coefficient is bounded by max |z| (the transform is an average).
        var bound = ScaledValues.Scale(coefficients, scale, _parameters.ModulusAtLevel(level), 0, scaled);
        var value = _parameters.RingQ.NewPolynomial(level);
        ScaledValues.Write(scaled, _parameters.RingQ, value);
        return new Plaintext(value, scale, PlaintextEncoding.Slots, bound);
    }

    private void SpecialFft(Complex[] values)
    {
        var size = values.Length;
        BitReverse(values);
        for (var length = 2; length <= size; length <<= 1)
        {
            var half = length >> 1;
            var quarter = length << 2;
            for (var i = 0; i < size; i += length)
            {
                for (var j = 0; j < half; j++)
                {
                    var index = _rotationGroup[j] % quarter * (_m / quarter);
                    var u = values[i + j];
                    var v = values[i + j + half] * _roots[index];
                    values[i + j] = u + v;
                    values[i + j + half] = u - v;
                }
            }
        }
    }

    private void InverseSpecialFft(Complex[] values)
    {
        var size = values.Length;
        for (var length = size; length >= 2; length >>= 1)
        {
            var half = length >> 1;
            var quarter = length << 2;
            for (var i = 0; i < size; i += length)
            {
                for (var j = 0; j < half; j++)
                {
                    var index = (quarter - _rotationGroup[j] % quarter) * (_m / quarter);
                    var u = values[i + j] + values[i + j + half];
                    var v = (values[i + j] - values[i + j + half]) * _roots[index];
                    values[i + j] = u;
                    values[i + j + half] = v;
                }
            }
        }
        BitReverse(values);
        for (var k = 0; k < size; k++)
        {
            values[k] /= size;
        }
    }

    private static void BitReverse(Complex[] values)
    {
        var n = values.Length;
        for (int i = 1, j = 0; i < n; i++)
        {
            var bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1)
            {
                j ^= bit;
            }
            j ^= bit;
            if (i < j)
            {
                (values[i], values[j]) = (values[j], values[i]);
            }
        }
    }
}
