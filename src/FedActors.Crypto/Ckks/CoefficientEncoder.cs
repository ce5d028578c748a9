using FedActors.Crypto.Rlwe;

namespace FedActors.Crypto.Ckks;

/// <summary>
/// CKKS coefficient encoding: up to N real values become the coefficients of m(X) = Σ round(Δ·x_j)·X^j. Additions
/// and integer-constant multiplications act coefficient-wise, with no FFT amplification of noise, and twice as many
/// values fit as in slots: the default for aggregation. Values must be finite and |x·Δ| below Q/4 at the level.
/// </summary>
public sealed class CoefficientEncoder
{
    private readonly RlweParameters _parameters;

    /// <summary>Creates an encoder for <paramref name="parameters"/>.</summary>
    public CoefficientEncoder(RlweParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = parameters;
    }

    /// <summary>The number of values a plaintext holds: N.</summary>
    public int Capacity => _parameters.N;

    /// <summary>Encodes up to N values (missing ones are zero) at <paramref name="scale"/> and <paramref name="level"/> (default: highest).</summary>
    /// <exception cref="ArgumentException">More than N values, or a value is NaN or infinite (the message names its index).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value overflows the modulus at this scale (the message names its index).</exception>
    public Plaintext Encode(ReadOnlySpan<double> values, double scale, int level = -1) => Encode(values, scale, level, 0);

    internal Plaintext Encode(ReadOnlySpan<double> values, double scale, int level, int firstIndex)
    {
        if (values.Length > _parameters.N)
        {
            throw new ArgumentException($"A coefficient-encoded plaintext holds at most {_parameters.N} values, got {values.Length}.", nameof(values));
        }
        level = level < 0 ? _parameters.MaxLevel : level;
        var scaled = new double[_parameters.N];
        var bound = ScaledValues.Scale(values, scale, _parameters.ModulusAtLevel(level), firstIndex, scaled);
        var value = _parameters.RingQ.NewPolynomial(level);
        ScaledValues.Write(scaled, _parameters.RingQ, value);
        return new Plaintext(value, scale, PlaintextEncoding.Coefficients, bound);
    }

    /// <summary>Decodes the N values of a (decrypted) coefficient-encoded plaintext.</summary>
    /// <exception cref="ArgumentException">The plaintext is not coefficient-encoded.</exception>
    public double[] Decode(Plaintext plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        if (plaintext.Encoding != PlaintextEncoding.Coefficients)
        {
            throw new ArgumentException($"The plaintext is {plaintext.Encoding}-encoded, not coefficient-encoded.", nameof(plaintext));
        }
        var result = new double[_parameters.N];
        _parameters.RingQ.ComposeCentered(plaintext.Value, 1.0 / plaintext.Scale, result);
        return result;
    }
}
