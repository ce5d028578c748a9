using FedActors.Crypto.Ring;

namespace FedActors.Crypto.Rlwe;

/// <summary>
/// A plaintext polynomial m (coefficient domain, ciphertext primes up to its level) with its encoding metadata: the
/// scale Δ the values were multiplied by, the encoding, and a bound on |m|'s coefficients (as centered integers),
/// which ciphertexts carry forward so that additions beyond the capacity of Q are refused.
/// </summary>
public sealed class Plaintext
{
    /// <summary>Wraps <paramref name="value"/> (ownership passes to the plaintext).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The scale is not positive and finite or the bound is negative.</exception>
    public Plaintext(RnsPolynomial value, double scale, PlaintextEncoding encoding, double messageBound)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!(scale > 0) || double.IsInfinity(scale))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "The scale must be positive and finite.");
        }
        if (!(messageBound >= 0) || double.IsInfinity(messageBound))
        {
            throw new ArgumentOutOfRangeException(nameof(messageBound), messageBound, "The message bound must be non-negative and finite.");
        }
        Value = value;
        Scale = scale;
        Encoding = encoding;
        MessageBound = messageBound;
    }

    /// <summary>The polynomial (coefficient domain).</summary>
    public RnsPolynomial Value { get; }

    /// <summary>The level (number of ciphertext primes − 1).</summary>
    public int Level => Value.Level;

    /// <summary>The scale Δ.</summary>
    public double Scale { get; }

    /// <summary>How the values were encoded.</summary>
    public PlaintextEncoding Encoding { get; }

    /// <summary>An upper bound on the absolute value of every centered coefficient.</summary>
    public double MessageBound { get; }
}
