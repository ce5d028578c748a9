using System.Text;
using FedActors.Crypto.Ring;

namespace FedActors.Crypto.Rlwe;

/// <summary>
/// Encrypts plaintexts under a public key or a secret key.
/// <para>Public key: the encryption of zero (u·p0 + e0, u·p1 + e1) is computed over Q·P with u ternary, then divided
/// by P with rounding (as SEAL and Lattigo do), which shrinks the noise u·e + e0 + e1·s by the factor P and leaves
/// only the rounding error of the division (about √(N/18) for a single-party ternary key).</para>
/// <para>Secret key: c1 is expanded by SHAKE-128 from a fresh 32-byte seed and c0 = −c1·s + e + m; the ciphertext
/// keeps the seed so its binary form omits c1.</para>
/// Thread-safe when the random source is (the default one is).
/// </summary>
public sealed class Encryptor
{
    private static readonly byte[] SeedDomain = Encoding.ASCII.GetBytes("FedActors/seeded-c1/v1");

    private readonly RlweParameters _parameters;
    private readonly PublicKey? _publicKey;
    private readonly SecretKey? _secretKey;
    private readonly IRandomSource _random;
    private readonly ThreadLocal<Workspace> _workspace;

    /// <summary>Creates a public-key encryptor drawing randomness from <paramref name="random"/> (default: <see cref="SystemRandomSource"/>).</summary>
    public Encryptor(RlweParameters parameters, PublicKey publicKey, IRandomSource? random = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(publicKey);
        CheckParameters(parameters, publicKey.Parameters);
        _parameters = parameters;
        _publicKey = publicKey;
        _random = random ?? SystemRandomSource.Instance;
        _workspace = new ThreadLocal<Workspace>(() => new Workspace(_parameters, _random));
    }

    /// <summary>Creates a secret-key encryptor drawing randomness from <paramref name="random"/> (default: <see cref="SystemRandomSource"/>).</summary>
    public Encryptor(RlweParameters parameters, SecretKey secretKey, IRandomSource? random = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(secretKey);
        CheckParameters(parameters, secretKey.Parameters);
        _parameters = parameters;
        _secretKey = secretKey;
        _random = random ?? SystemRandomSource.Instance;
        _workspace = new ThreadLocal<Workspace>(() => new Workspace(_parameters, _random));
    }

    /// <summary>True when the random source is deterministic (replay), so callers must not parallelise encryptions.</summary>
    public bool IsDeterministic => _random.IsDeterministic;

    /// <summary>Encrypts <paramref name="plaintext"/>; the ciphertext has its level, scale, encoding and bound.</summary>
    public Ciphertext Encrypt(Plaintext plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        if (plaintext.Value.N != _parameters.N || plaintext.Level > _parameters.MaxLevel)
        {
            throw new ArgumentException($"The plaintext (N = {plaintext.Value.N}, level {plaintext.Level}) does not fit the parameters (N = {_parameters.N}, max level {_parameters.MaxLevel}).", nameof(plaintext));
        }
        var ciphertext = _publicKey is not null
            ? EncryptZeroPublic(plaintext.Level, plaintext.Scale, plaintext.Encoding, plaintext.MessageBound)
            : EncryptZeroSecret(plaintext.Level, plaintext.Scale, plaintext.Encoding, plaintext.MessageBound);
        _parameters.RingQ.Add(ciphertext.C0, plaintext.Value, ciphertext.C0);
        return ciphertext;
    }

    /// <summary>Returns an encryption of zero at <paramref name="level"/> (default: highest), scale 1, raw encoding.</summary>
    public Ciphertext EncryptZero(int level = -1)
    {
        level = level < 0 ? _parameters.MaxLevel : level;
        if (level > _parameters.MaxLevel)
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, $"The level must be in [0, {_parameters.MaxLevel}].");
        }
        return _publicKey is not null
            ? EncryptZeroPublic(level, 1, PlaintextEncoding.Raw, 0)
            : EncryptZeroSecret(level, 1, PlaintextEncoding.Raw, 0);
    }

    /// <summary>Expands the uniform c1 (coefficient domain, level <paramref name="level"/>) of a seeded ciphertext.</summary>
    public static RnsPolynomial ExpandSeed(RlweParameters parameters, ReadOnlySpan<byte> seed, int level)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (seed.Length != Ciphertext.SeedLength)
        {
            throw new ArgumentException($"A seed is {Ciphertext.SeedLength} bytes, got {seed.Length}.", nameof(seed));
        }
        var input = new byte[SeedDomain.Length + seed.Length];
        SeedDomain.CopyTo(input, 0);
        seed.CopyTo(input.AsSpan(SeedDomain.Length));
        var stream = new Shake128Stream(input, 9 * parameters.N * (level + 1));
        return new UniformSampler(stream).Sample(parameters.RingQ, level);
    }

    private Ciphertext EncryptZeroPublic(int level, double scale, PlaintextEncoding encoding, double bound)
    {
        var key = _publicKey!;
        var ring = _parameters.RingQP;
        var work = _workspace.Value!;
        var (u, c0, c1, e) = (work.U, work.C0, work.C1, work.E);
        work.Ternary.Sample(ring, u);
        ring.Forward(u);
        ring.MulCoefficientsShoup(u, key.P0, key.P0Shoup, c0);
        ring.MulCoefficientsShoup(u, key.P1, key.P1Shoup, c1);
        u.Clear();
        ring.Inverse(c0);
        ring.Inverse(c1);
        work.Gaussian.Sample(ring, e);
        ring.Add(c0, e, c0);
        work.Gaussian.Sample(ring, e);
        ring.Add(c1, e, c1);
        e.Clear();
        // Divide by each special prime with rounding: the P limbs are the last ones of Q·P.
        for (var i = 0; i < _parameters.P.Count; i++)
        {
            ring.Rescale(c0);
            ring.Rescale(c1);
        }
        var ciphertext = new Ciphertext(c0.CopyAtLevel(level), c1.CopyAtLevel(level), scale, encoding, bound, NoiseEstimator.FreshPublicKey(key));
        work.Reset();
        return ciphertext;
    }

    private Ciphertext EncryptZeroSecret(int level, double scale, PlaintextEncoding encoding, double bound)
    {
        var key = _secretKey!;
        var ring = _parameters.RingQ;
        Span<byte> seed = stackalloc byte[Ciphertext.SeedLength];
        _random.Fill(seed);
        var c1 = ExpandSeed(_parameters, seed, level);
        var c0 = c1.Clone();
        ring.Forward(c0);
        ring.MulCoefficients(c0, key.Value, c0);
        ring.Inverse(c0);
        ring.Negate(c0, c0);
        var e = ring.NewPolynomial(level);
        _workspace.Value!.Gaussian.Sample(ring, e);
        ring.Add(c0, e, c0);
        e.Clear();
        return new Ciphertext(c0, c1, scale, encoding, bound, NoiseEstimator.FreshSecretKey(_parameters), seed);
    }

    private static void CheckParameters(RlweParameters expected, RlweParameters actual)
    {
        if (!expected.MatchesFingerprint(actual.Fingerprint))
        {
            throw new ArgumentException("The key belongs to other parameters than the encryptor.");
        }
    }

    /// <summary>
    /// Per-thread scratch polynomials over Q·P and samplers, so that encrypting many ciphertexts does not churn the
    /// large-object heap (each scratch polynomial is N·(L+2)·8 bytes, above the 85 kB large-object threshold for
    /// N ≥ 4096); the scratch is erased after every use.
    /// </summary>
    private sealed class Workspace(RlweParameters parameters, IRandomSource random)
    {
        public RnsPolynomial U { get; } = parameters.RingQP.NewPolynomial();

        public RnsPolynomial C0 { get; } = parameters.RingQP.NewPolynomial();

        public RnsPolynomial C1 { get; } = parameters.RingQP.NewPolynomial();

        public RnsPolynomial E { get; } = parameters.RingQP.NewPolynomial();

        public TernarySampler Ternary { get; } = new(random);

        public GaussianSampler Gaussian { get; } = new(random, parameters.Sigma, parameters.ErrorBound);

        /// <summary>Erases the scratch and restores the full Q·P level that rescaling shortened.</summary>
        public void Reset()
        {
            C0.Reset(parameters.RingQP.MaxLevel);
            C1.Reset(parameters.RingQP.MaxLevel);
        }
    }
}
