using System.Globalization;

namespace FedActors.Crypto.Rlwe;

/// <summary>
/// Homomorphic operations that need no evaluation keys: addition, subtraction, negation, multiplication by an integer
/// constant or by a plaintext, and dropping levels. Results are exact modular arithmetic on (c0, c1), so sums do not
/// depend on order. Every operation tracks the message bound and the noise estimate, and refuses (with
/// <see cref="CapacityExceededException"/>) a result whose bound plus 16 standard deviations of noise would exceed Q/4.
/// Operands of different levels are combined at the lower level.
/// </summary>
public sealed class Evaluator
{
    private const double NoiseMargin = 16;
    private const double RelativeScaleTolerance = 1e-9;

    private readonly RlweParameters _parameters;

    /// <summary>Creates an evaluator for <paramref name="parameters"/>.</summary>
    public Evaluator(RlweParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = parameters;
    }

    /// <summary>Returns a + b.</summary>
    public Ciphertext Add(Ciphertext a, Ciphertext b)
    {
        var result = CopyAtCommonLevel(a, b);
        AddInPlace(result, b);
        return result;
    }

    /// <summary>Adds <paramref name="b"/> into <paramref name="accumulator"/> (the cheap way to sum many ciphertexts).</summary>
    public void AddInPlace(Ciphertext accumulator, Ciphertext b) => Combine(accumulator, b, subtract: false);

    /// <summary>Returns a − b.</summary>
    public Ciphertext Sub(Ciphertext a, Ciphertext b)
    {
        var result = CopyAtCommonLevel(a, b);
        Combine(result, b, subtract: true);
        return result;
    }

    /// <summary>Returns −a.</summary>
    public Ciphertext Negate(Ciphertext a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var result = a.Clone();
        _parameters.RingQ.Negate(result.C0, result.C0);
        _parameters.RingQ.Negate(result.C1, result.C1);
        result.ForgetSeed();
        return result;
    }

    /// <summary>Returns c·a for an integer constant c (the scale is unchanged).</summary>
    public Ciphertext MultiplyByInteger(Ciphertext a, long constant)
    {
        ArgumentNullException.ThrowIfNull(a);
        var magnitude = Math.Abs((double)constant);
        var bound = a.MessageBound * magnitude;
        var noise = NoiseEstimator.MultiplyByConstant(a.Noise, magnitude);
        CheckCapacity(bound, noise, a.Level, $"multiplying by {constant}");
        var result = a.Clone();
        var ring = _parameters.RingQ;
        ring.MulScalar(result.C0, constant, result.C0);
        ring.MulScalar(result.C1, constant, result.C1);
        result.SetMetadata(bound, noise);
        result.ForgetSeed();
        return result;
    }

    /// <summary>
    /// Returns a·m for a plaintext m (ring product): the scale becomes the product of the scales, the bound grows by
    /// N·bound(m).
    /// </summary>
    public Ciphertext MultiplyByPlaintext(Ciphertext a, Plaintext plaintext)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(plaintext);
        var level = Math.Min(a.Level, plaintext.Level);
        var bound = a.MessageBound * plaintext.MessageBound * _parameters.N;
        var noise = NoiseEstimator.MultiplyByPlaintext(a.Noise, _parameters.N, plaintext.MessageBound);
        CheckCapacity(bound, noise, level, "multiplying by a plaintext");
        var ring = _parameters.RingQ;
        var m = plaintext.Value.CopyAtLevel(level);
        ring.Forward(m);
        var c0 = a.C0.CopyAtLevel(level);
        var c1 = a.C1.CopyAtLevel(level);
        foreach (var c in new[] { c0, c1 })
        {
            ring.Forward(c);
            ring.MulCoefficients(c, m, c);
            ring.Inverse(c);
        }
        return new Ciphertext(c0, c1, a.Scale * plaintext.Scale, a.Encoding, bound, noise);
    }

    /// <summary>Returns a copy of <paramref name="a"/> at the lower <paramref name="level"/> (dropping primes; the message is unchanged).</summary>
    public Ciphertext DropLevel(Ciphertext a, int level)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (level < 0 || level > a.Level)
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, $"The level must be in [0, {a.Level}].");
        }
        CheckCapacity(a.MessageBound, a.Noise, level, $"dropping to level {level}");
        return new Ciphertext(a.C0.CopyAtLevel(level), a.C1.CopyAtLevel(level), a.Scale, a.Encoding, a.MessageBound, a.Noise);
    }

    /// <summary>Returns true when a message bound and noise fit the capacity of Q at <paramref name="level"/>.</summary>
    public bool FitsCapacity(double messageBound, NoiseEstimate noise, int level) =>
        messageBound + NoiseMargin * noise.StandardDeviation <= (double)(_parameters.ModulusAtLevel(level) / 4);

    private Ciphertext CopyAtCommonLevel(Ciphertext a, Ciphertext b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var level = Math.Min(a.Level, b.Level);
        return new Ciphertext(a.C0.CopyAtLevel(level), a.C1.CopyAtLevel(level), a.Scale, a.Encoding, a.MessageBound, a.Noise);
    }

    private void Combine(Ciphertext accumulator, Ciphertext b, bool subtract)
    {
        ArgumentNullException.ThrowIfNull(accumulator);
        ArgumentNullException.ThrowIfNull(b);
        if (Math.Abs(accumulator.Scale - b.Scale) > RelativeScaleTolerance * accumulator.Scale)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Cannot add ciphertexts of different scales (2^{Math.Log2(accumulator.Scale):F3} and 2^{Math.Log2(b.Scale):F3}); encode both at the same scale."), nameof(b));
        }
        if (accumulator.Encoding != b.Encoding)
        {
            throw new ArgumentException($"Cannot add a {b.Encoding}-encoded ciphertext to a {accumulator.Encoding}-encoded one.", nameof(b));
        }
        var level = Math.Min(accumulator.Level, b.Level);
        var bound = accumulator.MessageBound + b.MessageBound;
        var noise = accumulator.Noise.Plus(b.Noise);
        CheckCapacity(bound, noise, level, subtract ? "subtracting" : "adding");
        if (level < accumulator.Level)
        {
            accumulator.C0.DropToLevel(level);
            accumulator.C1.DropToLevel(level);
        }
        var ring = _parameters.RingQ;
        if (subtract)
        {
            ring.Sub(accumulator.C0, b.C0, accumulator.C0);
            ring.Sub(accumulator.C1, b.C1, accumulator.C1);
        }
        else
        {
            ring.Add(accumulator.C0, b.C0, accumulator.C0);
            ring.Add(accumulator.C1, b.C1, accumulator.C1);
        }
        accumulator.SetMetadata(bound, noise);
        accumulator.ForgetSeed();
    }

    private void CheckCapacity(double bound, NoiseEstimate noise, int level, string operation)
    {
        if (!FitsCapacity(bound, noise, level))
        {
            var limit = (double)(_parameters.ModulusAtLevel(level) / 4);
            throw new CapacityExceededException(string.Create(CultureInfo.InvariantCulture,
                $"Refused {operation}: the message bound would be 2^{Math.Log2(bound):F2} with noise σ = 2^{Math.Log2(Math.Max(noise.StandardDeviation, 1)):F2}, above the capacity Q/4 = 2^{Math.Log2(limit):F2} at level {level}; decrypt and re-encrypt, use a smaller scale, or a parameter set with a larger Q."));
        }
    }
}
