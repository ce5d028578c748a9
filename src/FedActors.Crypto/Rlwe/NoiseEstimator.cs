namespace FedActors.Crypto.Rlwe;

/// <summary>
/// Estimates of ciphertext noise from how a ciphertext was made, following the usual independence heuristics
/// (the variance of a product of independent centered polynomials is N times the product of the coefficient
/// variances). The Multiparty layer sizes flooding noise from these: σ_flood = σ_ct · 2^(s/2) · √(12τ).
/// </summary>
public static class NoiseEstimator
{
    /// <summary>Variance of a uniform rounding error in [−1/2, 1/2).</summary>
    public const double RoundingVariance = 1.0 / 12.0;

    /// <summary>
    /// Fresh public-key encryption over Q·P followed by division by P. Decrypting gives
    /// m + (u·e + e0 + e1·s)/P − (r0 + r1·s), where r0, r1 are the rounding errors of the division (uniform in [−1/2, 1/2]):
    /// variance (σ²(1 + N·Var s) + N·Var u·Var e_pk)/P² + (1 + N·Var s)/12.
    /// </summary>
    public static NoiseEstimate FreshPublicKey(PublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var parameters = key.Parameters;
        var n = (double)parameters.N;
        var sigma2 = parameters.Sigma * parameters.Sigma;
        var p = parameters.P.Aggregate(1.0, (acc, x) => acc * x);
        var encryption = sigma2 * (1 + n * key.SecretVariance) + n * Ring.TernarySampler.Variance * key.ErrorVariance;
        var rounding = RoundingVariance * (1 + n * key.SecretVariance);
        return new NoiseEstimate(encryption / (p * p) + rounding);
    }

    /// <summary>Fresh secret-key encryption: the noise is the error e itself, variance σ².</summary>
    public static NoiseEstimate FreshSecretKey(RlweParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return new NoiseEstimate(parameters.Sigma * parameters.Sigma);
    }

    /// <summary>The sum of <paramref name="count"/> ciphertexts, each with independent noise <paramref name="each"/>.</summary>
    public static NoiseEstimate Sum(NoiseEstimate each, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return new NoiseEstimate(each.Variance * count);
    }

    /// <summary>A ciphertext multiplied by the integer constant <paramref name="constant"/>.</summary>
    public static NoiseEstimate MultiplyByConstant(NoiseEstimate noise, double constant) => noise.Times(constant);

    /// <summary>
    /// A ciphertext multiplied by a plaintext polynomial whose coefficients are bounded by <paramref name="plaintextBound"/>:
    /// each noise coefficient becomes a sum of N products, variance at most N·B²·Var e.
    /// </summary>
    public static NoiseEstimate MultiplyByPlaintext(NoiseEstimate noise, int n, double plaintextBound) =>
        new(noise.Variance * n * plaintextBound * plaintextBound);
}
