namespace FedActors.Crypto.Rlwe;

/// <summary>
/// The size of the flooding (smudging) noise a decryption share must carry, per CRYPTO.md:
/// σ_flood = σ_ct · 2^(s/2) · √(12τ), where σ_ct is the estimated standard deviation of the ciphertext noise, s the
/// statistical security parameter and τ the number of decryptions allowed per key. The flooding noise then hides the
/// ciphertext noise (and with it the secret key) up to statistical distance about 2^-s over τ decryptions
/// (Li–Micciancio–Schultz–Sorrell, "Securing approximate homomorphic encryption using differential privacy", 2022).
/// </summary>
public static class FloodingRule
{
    /// <summary>The default statistical security parameter s.</summary>
    public const int DefaultStatisticalSecurity = 30;

    /// <summary>The default number of decryptions allowed per key epoch τ.</summary>
    public const long DefaultDecryptionsPerKey = 1024;

    /// <summary>Returns σ_flood for a ciphertext with noise <paramref name="ciphertextNoise"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">s is outside [1, 128] or τ below 1.</exception>
    public static double StandardDeviation(NoiseEstimate ciphertextNoise, int statisticalSecurity = DefaultStatisticalSecurity,
        long decryptionsPerKey = DefaultDecryptionsPerKey)
    {
        if (statisticalSecurity is < 1 or > 128)
        {
            throw new ArgumentOutOfRangeException(nameof(statisticalSecurity), statisticalSecurity, "The statistical security parameter must be in [1, 128].");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(decryptionsPerKey, 1);
        // A fresh ciphertext's noise can be below one unit; flooding must still cover at least unit rounding noise.
        var sigma = Math.Max(ciphertextNoise.StandardDeviation, 1.0);
        return sigma * Math.Pow(2, statisticalSecurity / 2.0) * Math.Sqrt(12.0 * decryptionsPerKey);
    }
}
