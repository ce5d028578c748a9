using FedActors.Crypto.Ring;

namespace FedActors.Crypto.Rlwe;

/// <summary>
/// An RLWE secret key s, held in the NTT domain over Q·P. It owns secret memory: <see cref="Dispose"/> overwrites it
/// with zeros, and the key never appears in <see cref="ToString"/>, logs or exceptions.
/// </summary>
public sealed class SecretKey : IDisposable
{
    private readonly RnsPolynomial _value;
    private bool _disposed;

    /// <summary>
    /// Wraps <paramref name="value"/> (NTT domain, all limbs of Q·P; ownership passes to the key) as a secret key whose
    /// coefficients have variance <paramref name="coefficientVariance"/> (2/3 for one ternary secret; a sum of k
    /// ternary secrets has 2k/3), which the noise estimator uses.
    /// </summary>
    /// <exception cref="ArgumentException">The polynomial does not span Q·P of the parameters.</exception>
    public SecretKey(RlweParameters parameters, RnsPolynomial value, double coefficientVariance)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(value);
        if (value.N != parameters.N || value.LimbCount != parameters.RingQP.MaxLevel + 1)
        {
            throw new ArgumentException($"A secret key needs N = {parameters.N} and {parameters.RingQP.MaxLevel + 1} limbs (Q·P).", nameof(value));
        }
        if (!(coefficientVariance > 0) || double.IsInfinity(coefficientVariance))
        {
            throw new ArgumentOutOfRangeException(nameof(coefficientVariance), coefficientVariance, "The coefficient variance must be positive and finite.");
        }
        Parameters = parameters;
        _value = value;
        CoefficientVariance = coefficientVariance;
    }

    /// <summary>The parameters the key belongs to.</summary>
    public RlweParameters Parameters { get; }

    /// <summary>The key polynomial in the NTT domain over Q·P.</summary>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public RnsPolynomial Value
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _value;
        }
    }

    /// <summary>The variance of one coefficient of s (for noise estimates).</summary>
    public double CoefficientVariance { get; }

    /// <summary>Zeroes the key material. Further use throws <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _value.Clear();
            _disposed = true;
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"SecretKey(N = {Parameters.N}, material redacted)";
}
