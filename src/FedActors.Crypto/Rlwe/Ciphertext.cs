using FedActors.Crypto.Ring;

namespace FedActors.Crypto.Rlwe;

/// <summary>
/// An RLWE ciphertext (c0, c1) with c0 + c1·s = m + e (coefficient domain, ciphertext primes up to its level), plus
/// the metadata that travels with it: scale, encoding, a bound on |m| (for capacity checks), a noise estimate (for
/// flooding), and, for a fresh secret-key encryption, the 32-byte seed from which c1 is regenerated (so the binary
/// form carries the seed instead of c1, halving its size).
/// </summary>
public sealed class Ciphertext
{
    /// <summary>The length of the seed of a seeded ciphertext.</summary>
    public const int SeedLength = 32;

    private byte[]? _seed;

    /// <summary>Wraps (c0, c1) (same N and level; ownership passes to the ciphertext).</summary>
    /// <exception cref="ArgumentException">The polynomials differ in N or level, the seed is not 32 bytes, or metadata is invalid.</exception>
    public Ciphertext(RnsPolynomial c0, RnsPolynomial c1, double scale, PlaintextEncoding encoding, double messageBound,
        NoiseEstimate noise, ReadOnlySpan<byte> seed = default)
    {
        ArgumentNullException.ThrowIfNull(c0);
        ArgumentNullException.ThrowIfNull(c1);
        if (c0.N != c1.N || c0.LimbCount != c1.LimbCount)
        {
            throw new ArgumentException("c0 and c1 must have the same N and level.", nameof(c1));
        }
        if (!(scale > 0) || double.IsInfinity(scale))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "The scale must be positive and finite.");
        }
        if (!seed.IsEmpty && seed.Length != SeedLength)
        {
            throw new ArgumentException($"A seed is {SeedLength} bytes, got {seed.Length}.", nameof(seed));
        }
        C0 = c0;
        C1 = c1;
        Scale = scale;
        Encoding = encoding;
        SetMetadata(messageBound, noise);
        _seed = seed.IsEmpty ? null : seed.ToArray();
    }

    /// <summary>c0 (coefficient domain).</summary>
    public RnsPolynomial C0 { get; }

    /// <summary>c1 (coefficient domain).</summary>
    public RnsPolynomial C1 { get; }

    /// <summary>The level: the number of ciphertext primes − 1.</summary>
    public int Level => C0.Level;

    /// <summary>The scale Δ of the encrypted message.</summary>
    public double Scale { get; }

    /// <summary>The encoding of the encrypted message.</summary>
    public PlaintextEncoding Encoding { get; }

    /// <summary>An upper bound on the absolute value of every centered coefficient of the message m.</summary>
    public double MessageBound { get; private set; }

    /// <summary>The estimated noise of the ciphertext.</summary>
    public NoiseEstimate Noise { get; private set; }

    /// <summary>True when c1 is the uniform polynomial expanded from <see cref="Seed"/> (a fresh secret-key encryption).</summary>
    public bool IsSeeded => _seed is not null;

    /// <summary>The seed of c1 when <see cref="IsSeeded"/>, otherwise empty.</summary>
    public ReadOnlySpan<byte> Seed => _seed;

    /// <summary>Returns an independent copy (same metadata and seed).</summary>
    public Ciphertext Clone() => new(C0.Clone(), C1.Clone(), Scale, Encoding, MessageBound, Noise, _seed);

    /// <summary>Updates bound and noise after an operation changed c0/c1 in place; the seed no longer describes c1.</summary>
    internal void SetMetadata(double messageBound, NoiseEstimate noise)
    {
        if (!(messageBound >= 0) || double.IsInfinity(messageBound))
        {
            throw new ArgumentOutOfRangeException(nameof(messageBound), messageBound, "The message bound must be non-negative and finite.");
        }
        if (!(noise.Variance >= 0) || double.IsInfinity(noise.Variance))
        {
            throw new ArgumentOutOfRangeException(nameof(noise), noise.Variance, "The noise variance must be non-negative and finite.");
        }
        MessageBound = messageBound;
        Noise = noise;
    }

    internal void ForgetSeed() => _seed = null;

    /// <inheritdoc />
    public override string ToString() => $"Ciphertext(N = {C0.N}, level {Level}, scale 2^{Math.Log2(Scale):F1}, {Encoding}{(IsSeeded ? ", seeded" : "")})";
}
