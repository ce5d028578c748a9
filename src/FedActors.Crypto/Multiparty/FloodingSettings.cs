using System.Globalization;
using FedActors.Configuration;
using FedActors.Crypto.Rlwe;

namespace FedActors.Crypto.Multiparty;

/// <summary>
/// How much flooding (smudging) noise every decryption and re-encryption share carries: CRYPTO.md's rule
/// σ_flood = σ_ct · 2^(s/2) · √(12τ), where σ_ct is the ciphertext's estimated noise (at least 1), s the statistical
/// security parameter and τ the number of decryptions allowed per key epoch, which <see cref="DecryptionRecord"/>
/// enforces. With this width the shares of τ decryptions hide the ciphertext noise, and with it the secret key, up to
/// a statistical distance of about 2^(−s) (the Rényi/statistical argument of Li–Micciancio–Schultz–Sorrell for
/// IND-CPA^D; Mouchet et al. PETS 2021, §4.4). Flooding cannot be switched off: the only disabled instance is internal
/// and exists for the tests that demonstrate the key-recovery attack it prevents.
/// <para>Defaults (HOCON <c>fedactors.crypto.flooding.*</c>): s = 30; τ = 2^14 = 16,384 ciphertext decryptions per
/// epoch, i.e. 66 rounds of a 1,000,000-value model at 4,096 values per ciphertext. τ counts ciphertexts, not rounds,
/// because every decrypted ciphertext is one more noisy equation in s. τ costs √τ in noise: 2^14 adds 2 bits over
/// 2^10, which the default aggregation parameters absorb (the
/// precision target still holds with a 3× margin, see <c>Multiparty/README.md</c>), whereas 2^10 would force a key
/// rotation every 4 rounds of a 1,000,000-value model.</para>
/// </summary>
public sealed class FloodingSettings
{
    /// <summary>The HOCON key of <see cref="StatisticalSecurity"/>.</summary>
    public const string StatisticalSecurityKey = "fedactors.crypto.flooding.statistical-security";

    /// <summary>The HOCON key of <see cref="DecryptionsPerKey"/>.</summary>
    public const string DecryptionsPerKeyKey = "fedactors.crypto.flooding.decryptions-per-key";

    /// <summary>The default statistical security parameter s.</summary>
    public const int DefaultStatisticalSecurity = 30;

    /// <summary>The default number of ciphertext decryptions allowed per key epoch τ.</summary>
    public const long DefaultDecryptionsPerKey = 1L << 14;

    /// <summary>The smallest s accepted: below it flooding no longer hides the key in any meaningful sense.</summary>
    public const int MinStatisticalSecurity = 20;

    /// <summary>The largest flooding standard deviation supported (2^48: one 53-bit normal still resolves every integer).</summary>
    public const double MaxStandardDeviation = FloodingSampler.MaxSigma;

    private const double TailBoundInSigmas = 12;

    /// <summary>Creates validated settings.</summary>
    /// <exception cref="ArgumentOutOfRangeException">s is outside [20, 128] or τ outside [1, 2^40]; the message names the HOCON key.</exception>
    public FloodingSettings(int statisticalSecurity = DefaultStatisticalSecurity, long decryptionsPerKey = DefaultDecryptionsPerKey)
        : this(statisticalSecurity, decryptionsPerKey, enabled: true)
    {
    }

    private FloodingSettings(int statisticalSecurity, long decryptionsPerKey, bool enabled)
    {
        if (statisticalSecurity is < MinStatisticalSecurity or > 128)
        {
            throw new ArgumentOutOfRangeException(nameof(statisticalSecurity), statisticalSecurity,
                $"{StatisticalSecurityKey} must be in [{MinStatisticalSecurity}, 128], was {statisticalSecurity}");
        }
        if (decryptionsPerKey is < 1 or > 1L << 40)
        {
            throw new ArgumentOutOfRangeException(nameof(decryptionsPerKey), decryptionsPerKey,
                $"{DecryptionsPerKeyKey} must be in [1, 2^40], was {decryptionsPerKey}");
        }
        StatisticalSecurity = statisticalSecurity;
        DecryptionsPerKey = decryptionsPerKey;
        IsEnabled = enabled;
    }

    /// <summary>The defaults: s = 30, τ = 2^14.</summary>
    public static FloodingSettings Default { get; } = new();

    /// <summary>
    /// Settings with NO flooding, for the tests that show why flooding exists (the Li–Micciancio key recovery). Internal:
    /// reachable only from this assembly and its test assembly.
    /// </summary>
    internal static FloodingSettings Disabled { get; } = new(DefaultStatisticalSecurity, DefaultDecryptionsPerKey, enabled: false);

    /// <summary>The statistical security parameter s.</summary>
    public int StatisticalSecurity { get; }

    /// <summary>τ: how many ciphertexts a key epoch may decrypt (the budget of each party's <see cref="DecryptionRecord"/>).</summary>
    public long DecryptionsPerKey { get; }

    internal bool IsEnabled { get; }

    /// <summary>Reads <c>fedactors.crypto.flooding.*</c> from <paramref name="config"/>, defaulting absent keys.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range (the message names the key and value).</exception>
    public static FloodingSettings FromConfig(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var s = config.HasPath(StatisticalSecurityKey) ? config.GetInt(StatisticalSecurityKey) : DefaultStatisticalSecurity;
        var tau = config.HasPath(DecryptionsPerKeyKey) ? config.GetLong(DecryptionsPerKeyKey) : DefaultDecryptionsPerKey;
        return new FloodingSettings(s, tau);
    }

    /// <summary>Returns σ_flood for a ciphertext whose noise is <paramref name="ciphertextNoise"/> (0 only when disabled).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The ciphertext is so noisy that σ_flood exceeds <see cref="MaxStandardDeviation"/>.</exception>
    public double StandardDeviation(NoiseEstimate ciphertextNoise)
    {
        if (!IsEnabled)
        {
            return 0;
        }
        // A fresh ciphertext's noise can be below one unit; flooding still covers at least unit rounding noise.
        var sigma = Math.Max(ciphertextNoise.StandardDeviation, 1.0) * Math.Pow(2, StatisticalSecurity / 2.0) * Math.Sqrt(12.0 * DecryptionsPerKey);
        if (!(sigma <= MaxStandardDeviation))
        {
            throw new ArgumentOutOfRangeException(nameof(ciphertextNoise), ciphertextNoise.StandardDeviation, string.Create(CultureInfo.InvariantCulture,
                $"Flooding for a ciphertext noise σ = {ciphertextNoise.StandardDeviation:G4} would need σ_flood = 2^{Math.Log2(sigma):F1}, above 2^48; decrypt fewer contributions per ciphertext or lower {DecryptionsPerKeyKey}."));
        }
        return sigma;
    }

    /// <summary>The truncation bound of the flooding distribution for σ_flood (12σ: the tail beyond it is below 2^-100).</summary>
    internal static double TailBound(double sigma) => TailBoundInSigmas * sigma;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"flooding s = {StatisticalSecurity}, τ = {DecryptionsPerKey}{(IsEnabled ? "" : " (DISABLED, tests only)")}");
}
