using FedActors.Crypto.Ring;

namespace FedActors.Crypto.Rlwe;

/// <summary>
/// An RLWE public key (p0, p1) = (−a·s + e, a) in the NTT domain over Q·P. It records the variance of the secret's
/// coefficients and of the error e, because a collective key (a sum of shares) has larger ones, and encryption noise
/// estimates depend on them.
/// </summary>
public sealed class PublicKey
{
    private RnsPolynomial? _p0Shoup;
    private RnsPolynomial? _p1Shoup;

    /// <summary>
    /// Wraps (p0, p1) (NTT domain, all limbs of Q·P; ownership passes to the key). The variances describe s and e:
    /// 2/3 and σ² for a single-party key, 2n/3 and n·σ² for a collective key of n parties.
    /// </summary>
    /// <exception cref="ArgumentException">A polynomial does not span Q·P or a variance is not positive.</exception>
    public PublicKey(RlweParameters parameters, RnsPolynomial p0, RnsPolynomial p1, double secretVariance, double errorVariance)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(p0);
        ArgumentNullException.ThrowIfNull(p1);
        var limbs = parameters.RingQP.MaxLevel + 1;
        if (p0.N != parameters.N || p1.N != parameters.N || p0.LimbCount != limbs || p1.LimbCount != limbs)
        {
            throw new ArgumentException($"A public key needs two polynomials with N = {parameters.N} and {limbs} limbs (Q·P).", nameof(p0));
        }
        if (!(secretVariance > 0) || !(errorVariance > 0) || double.IsInfinity(secretVariance) || double.IsInfinity(errorVariance))
        {
            throw new ArgumentOutOfRangeException(nameof(secretVariance), "The secret and error variances must be positive and finite.");
        }
        Parameters = parameters;
        P0 = p0;
        P1 = p1;
        SecretVariance = secretVariance;
        ErrorVariance = errorVariance;
    }

    /// <summary>The parameters the key belongs to.</summary>
    public RlweParameters Parameters { get; }

    /// <summary>p0 = −a·s + e (NTT domain over Q·P).</summary>
    public RnsPolynomial P0 { get; }

    /// <summary>p1 = a (NTT domain over Q·P).</summary>
    public RnsPolynomial P1 { get; }

    /// <summary>The variance of one coefficient of the secret behind the key.</summary>
    public double SecretVariance { get; }

    /// <summary>The variance of one coefficient of the key's error e.</summary>
    public double ErrorVariance { get; }

    internal RnsPolynomial P0Shoup => _p0Shoup ??= Parameters.RingQP.ShoupCompanions(P0);

    internal RnsPolynomial P1Shoup => _p1Shoup ??= Parameters.RingQP.ShoupCompanions(P1);
}
