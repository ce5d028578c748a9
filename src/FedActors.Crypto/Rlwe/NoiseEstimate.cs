namespace FedActors.Crypto.Rlwe;

/// <summary>
/// The variance of one coefficient of a ciphertext's noise, in integer units (before division by the scale): decrypting
/// gives m + e with each coefficient of e of about this variance. Independent noises add their variances.
/// </summary>
/// <param name="Variance">The per-coefficient variance, finite and non-negative.</param>
public readonly record struct NoiseEstimate(double Variance)
{
    /// <summary>No noise.</summary>
    public static NoiseEstimate Zero => new(0);

    /// <summary>The per-coefficient standard deviation.</summary>
    public double StandardDeviation => Math.Sqrt(Variance);

    /// <summary>The estimate of the sum of two ciphertexts with independent noise.</summary>
    public NoiseEstimate Plus(NoiseEstimate other) => new(Variance + other.Variance);

    /// <summary>The estimate after multiplying the ciphertext by the integer constant <paramref name="c"/>.</summary>
    public NoiseEstimate Times(double c) => new(Variance * c * c);
}
