using FedActors.Crypto.Ring;

namespace FedActors.Crypto.Rlwe;

/// <summary>
/// Generates single-party keys: a uniform ternary secret and the public key (−a·s + e, a). Randomness comes from the
/// injected source, by default the operating system's CSPRNG.
/// </summary>
public sealed class KeyGenerator
{
    private readonly RlweParameters _parameters;
    private readonly IRandomSource _random;

    /// <summary>Creates a generator for <paramref name="parameters"/> drawing from <paramref name="random"/> (default: <see cref="SystemRandomSource"/>).</summary>
    public KeyGenerator(RlweParameters parameters, IRandomSource? random = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = parameters;
        _random = random ?? SystemRandomSource.Instance;
    }

    /// <summary>Returns a fresh secret key (uniform ternary, NTT domain over Q·P).</summary>
    public SecretKey GenSecretKey()
    {
        var ring = _parameters.RingQP;
        var s = ring.NewPolynomial();
        new TernarySampler(_random).Sample(ring, s);
        ring.Forward(s);
        return new SecretKey(_parameters, s, TernarySampler.Variance);
    }

    /// <summary>Returns the public key of <paramref name="secretKey"/> with a fresh uniform a drawn from the source.</summary>
    public PublicKey GenPublicKey(SecretKey secretKey)
    {
        var a = new UniformSampler(_random).Sample(_parameters.RingQP);
        return GenPublicKey(secretKey, a);
    }

    /// <summary>
    /// Returns the public key (−a·s + e, a) for a given uniform <paramref name="a"/> (NTT domain over Q·P), e.g. a
    /// common reference polynomial; ownership of a passes to the key.
    /// </summary>
    public PublicKey GenPublicKey(SecretKey secretKey, RnsPolynomial a)
    {
        ArgumentNullException.ThrowIfNull(secretKey);
        ArgumentNullException.ThrowIfNull(a);
        var ring = _parameters.RingQP;
        var p0 = ring.NewPolynomial();
        new GaussianSampler(_random, _parameters.Sigma, _parameters.ErrorBound).Sample(ring, p0);
        ring.Forward(p0);
        var product = ring.NewPolynomial();
        ring.MulCoefficients(a, secretKey.Value, product);
        ring.Sub(p0, product, p0);
        product.Clear();
        return new PublicKey(_parameters, p0, a, secretKey.CoefficientVariance, _parameters.Sigma * _parameters.Sigma);
    }
}
