using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using FedActors.Crypto.Ring;

namespace FedActors.Crypto.Rlwe;

/// <summary>
/// RLWE parameters: the degree N = 2^logN, the ciphertext primes Q = q_0…q_L, the special primes P (used only during
/// public-key encryption, which works over Q·P and then divides by P), the error distribution (discrete Gaussian σ,
/// bound 6σ) and the secret distribution. Construction through <see cref="Create"/> or <see cref="FromModuli"/>
/// enforces 128-bit classical security for a ternary secret (log2 Q·P ≤ 27/54/109/218/438/881 for N = 2^10…2^15,
/// HomomorphicEncryption.org standard, table 1); only <see cref="InsecureForTests"/> builds sets outside it.
/// </summary>
public sealed class RlweParameters
{
    /// <summary>The standard deviation of the error distribution used by the security standard.</summary>
    public const double DefaultSigma = 3.2;

    /// <summary>The error bound in standard deviations.</summary>
    public const double ErrorBoundInSigmas = 6;

    private static readonly int[] MaxLogQPByLogN = [27, 54, 109, 218, 438, 881];

    private readonly ulong[] _q;
    private readonly ulong[] _p;
    private readonly byte[] _fingerprint;

    private RlweParameters(int logN, ulong[] q, ulong[] p, double sigma, bool insecure)
    {
        if (logN is < 1 or > 17)
        {
            throw new ArgumentOutOfRangeException(nameof(logN), logN, "log2 N must be in [1, 17].");
        }
        if (q.Length == 0)
        {
            throw new ArgumentException("At least one ciphertext prime is needed.", nameof(q));
        }
        if (p.Length == 0)
        {
            throw new ArgumentException("At least one special prime is needed for public-key encryption over Q·P.", nameof(p));
        }
        if (!(sigma >= 1) || sigma > 1 << 20)
        {
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "σ must be in [1, 2^20].");
        }
        foreach (var prime in q.Concat(p))
        {
            if (!NttPrimes.IsNttFriendly(prime, logN) || prime >= 1UL << Modulus.MaxBits)
            {
                throw new ArgumentException($"{prime} is not a prime ≡ 1 mod 2^{logN + 1} below 2^{Modulus.MaxBits}.", nameof(q));
            }
        }
        LogN = logN;
        _q = q;
        _p = p;
        Sigma = sigma;
        IsInsecure = insecure;
        var qp = q.Concat(p).Aggregate(BigInteger.One, (acc, x) => acc * x);
        LogQP = BigInteger.Log(qp, 2);
        LogQ = BigInteger.Log(q.Aggregate(BigInteger.One, (acc, x) => acc * x), 2);
        if (!insecure)
        {
            CheckSecureDegree(logN);
            var max = MaxLogQPByLogN[logN - 10];
            if (LogQP > max)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"log2(Q·P) = {LogQP:F2} exceeds {max}, the 128-bit bound for N = 2^{logN}; use fewer or smaller primes, or a larger N."), nameof(q));
            }
            if (sigma < DefaultSigma)
            {
                throw new ArgumentException($"σ = {sigma} is below {DefaultSigma}, the error width the security table assumes.", nameof(sigma));
            }
        }
        RingQ = new RnsRing(logN, q);
        RingQP = new RnsRing(logN, q.Concat(p).ToArray());
        _fingerprint = ComputeFingerprint();
    }

    /// <summary>log2 N.</summary>
    public int LogN { get; }

    /// <summary>The ring degree N.</summary>
    public int N => 1 << LogN;

    /// <summary>The ciphertext primes q_0 … q_L.</summary>
    public IReadOnlyList<ulong> Q => _q;

    /// <summary>The special primes P, used only inside public-key encryption.</summary>
    public IReadOnlyList<ulong> P => _p;

    /// <summary>The highest ciphertext level L (the number of ciphertext primes minus one).</summary>
    public int MaxLevel => _q.Length - 1;

    /// <summary>The standard deviation σ of the error distribution.</summary>
    public double Sigma { get; }

    /// <summary>The truncation bound of the error distribution, 6σ.</summary>
    public double ErrorBound => ErrorBoundInSigmas * Sigma;

    /// <summary>The secret distribution (uniform ternary).</summary>
    public SecretDistribution Secret => SecretDistribution.UniformTernary;

    /// <summary>log2 of Q·P, the quantity the security table bounds.</summary>
    public double LogQP { get; }

    /// <summary>log2 of Q.</summary>
    public double LogQ { get; }

    /// <summary>True for sets built by <see cref="InsecureForTests"/>; such sets must never be used outside unit tests.</summary>
    public bool IsInsecure { get; }

    /// <summary>A short description of the security level.</summary>
    public string SecurityLevel => IsInsecure ? "insecure (tests only)" : "128-bit classical";

    /// <summary>The ring over the ciphertext primes.</summary>
    public RnsRing RingQ { get; }

    /// <summary>The ring over the ciphertext primes followed by the special primes (limbs L+1 … are P).</summary>
    public RnsRing RingQP { get; }

    /// <summary>
    /// A 16-byte digest (SHA-256, truncated) of N, the primes, σ, the bound and the secret distribution: serialized
    /// objects carry it and loading refuses a mismatch.
    /// </summary>
    public ReadOnlySpan<byte> Fingerprint => _fingerprint;

    /// <summary>Returns the largest log2(Q·P) the 128-bit table allows for N = 2^logN.</summary>
    /// <exception cref="ArgumentOutOfRangeException">logN is outside 10 … 15.</exception>
    public static int MaxSecureLogQP(int logN) => logN is >= 10 and <= 15
        ? MaxLogQPByLogN[logN - 10]
        : throw new ArgumentOutOfRangeException(nameof(logN), logN, "The security table covers N = 2^10 … 2^15.");

    /// <summary>Builds a secure set with primes generated deterministically from the requested widths.</summary>
    /// <exception cref="ArgumentException">The set is not 128-bit secure or a width is unusable.</exception>
    public static RlweParameters Create(int logN, IReadOnlyList<int> qBits, IReadOnlyList<int> pBits, double sigma = DefaultSigma)
    {
        CheckSecureDegree(logN);
        var (q, p) = GeneratePrimes(logN, qBits, pBits);
        return new RlweParameters(logN, q, p, sigma, insecure: false);
    }

    /// <summary>Builds a secure set from explicit primes (as loaded from a description).</summary>
    /// <exception cref="ArgumentException">The set is not 128-bit secure or a prime is unusable.</exception>
    public static RlweParameters FromModuli(int logN, IReadOnlyList<ulong> q, IReadOnlyList<ulong> p, double sigma = DefaultSigma)
    {
        ArgumentNullException.ThrowIfNull(q);
        ArgumentNullException.ThrowIfNull(p);
        CheckSecureDegree(logN);
        CheckDistinct(q, p);
        return new RlweParameters(logN, q.ToArray(), p.ToArray(), sigma, insecure: false);
    }

    /// <summary>
    /// Builds a set WITHOUT the security check, for unit tests that need small N or few bits. Such a set is marked
    /// <see cref="IsInsecure"/>; configuration loaders refuse it.
    /// </summary>
    public static RlweParameters InsecureForTests(int logN, IReadOnlyList<int> qBits, IReadOnlyList<int> pBits, double sigma = DefaultSigma)
    {
        var (q, p) = GeneratePrimes(logN, qBits, pBits);
        return new RlweParameters(logN, q, p, sigma, insecure: true);
    }

    /// <summary>Returns true when the fingerprint equals <paramref name="fingerprint"/>.</summary>
    public bool MatchesFingerprint(ReadOnlySpan<byte> fingerprint) => fingerprint.SequenceEqual(_fingerprint);

    /// <summary>Returns the product q_0 … q_level.</summary>
    public BigInteger ModulusAtLevel(int level) => RingQ.ModulusAtLevel(level);

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"N = 2^{LogN}, Q = [{string.Join(", ", _q.Select(BitWidth))}] bits, P = [{string.Join(", ", _p.Select(BitWidth))}] bits, log2 QP = {LogQP:F1}, σ = {Sigma}, {SecurityLevel}");

    private static int BitWidth(ulong x) => 64 - BitOperations.LeadingZeroCount(x);

    private static (ulong[] Q, ulong[] P) GeneratePrimes(int logN, IReadOnlyList<int> qBits, IReadOnlyList<int> pBits)
    {
        ArgumentNullException.ThrowIfNull(qBits);
        ArgumentNullException.ThrowIfNull(pBits);
        var all = NttPrimes.Generate(logN, qBits.Concat(pBits).ToArray());
        return (all[..qBits.Count], all[qBits.Count..]);
    }

    private static void CheckSecureDegree(int logN)
    {
        if (logN is < 10 or > 15)
        {
            throw new ArgumentException($"N = 2^{logN} is outside the 128-bit security table (2^10 … 2^15); use N in that range.", nameof(logN));
        }
    }

    private static void CheckDistinct(IReadOnlyList<ulong> q, IReadOnlyList<ulong> p)
    {
        if (q.Concat(p).Distinct().Count() != q.Count + p.Count)
        {
            throw new ArgumentException("The primes of Q and P must all be distinct.", nameof(q));
        }
    }

    private byte[] ComputeFingerprint()
    {
        var buffer = new byte[4 + 4 + 4 + 8 * (_q.Length + _p.Length) + 8 + 8 + 1];
        var span = buffer.AsSpan();
        BinaryPrimitives.WriteInt32LittleEndian(span, LogN);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], _q.Length);
        BinaryPrimitives.WriteInt32LittleEndian(span[8..], _p.Length);
        var offset = 12;
        foreach (var prime in _q.Concat(_p))
        {
            BinaryPrimitives.WriteUInt64LittleEndian(span[offset..], prime);
            offset += 8;
        }
        BinaryPrimitives.WriteDoubleLittleEndian(span[offset..], Sigma);
        BinaryPrimitives.WriteDoubleLittleEndian(span[(offset + 8)..], ErrorBound);
        span[offset + 16] = (byte)Secret;
        return SHA256.HashData(buffer)[..16];
    }
}
