using FedActors.Crypto.Ring;

namespace FedActors.Crypto.Multiparty;

/// <summary>
/// A dealer's secret Shamir polynomial P(X) = s_i + a_1·X + … + a_{t−1}·X^(t−1) whose coefficients are elements of R_Q
/// (NTT domain over the ciphertext primes): a_1 … a_{t−1} uniform, the constant term the dealer's secret s_i. Any t
/// evaluations P(x_j) determine s_i; t − 1 of them are independent of it. Disposing erases every coefficient.
/// </summary>
public sealed class ShamirPolynomial : IDisposable
{
    private readonly RnsPolynomial[] _coefficients;
    private bool _disposed;

    internal ShamirPolynomial(ulong epoch, int dealerId, RnsPolynomial[] coefficients)
    {
        Epoch = epoch;
        DealerId = dealerId;
        _coefficients = coefficients;
    }

    /// <summary>The key epoch.</summary>
    public ulong Epoch { get; }

    /// <summary>The dealer (the party whose secret is shared).</summary>
    public int DealerId { get; }

    /// <summary>The threshold t: the number of coefficients (degree t − 1).</summary>
    public int Threshold => _coefficients.Length;

    internal IReadOnlyList<RnsPolynomial> Coefficients
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _coefficients;
        }
    }

    /// <summary>Erases every coefficient.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            foreach (var c in _coefficients)
            {
                c.Clear();
            }
            _disposed = true;
        }
    }

    /// <summary>Names the dealer, epoch and threshold only.</summary>
    public override string ToString() => $"ShamirPolynomial(epoch {Epoch}, dealer {DealerId}, t = {Threshold}, material redacted)";
}
