namespace FedActors.Crypto.Rlwe;

/// <summary>The distribution of secret-key coefficients. The 128-bit security table assumes a ternary secret.</summary>
public enum SecretDistribution
{
    /// <summary>Independent coefficients uniform in {−1, 0, 1} (variance 2/3).</summary>
    UniformTernary = 1,
}
