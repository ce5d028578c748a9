using FedActors.Crypto.Ring;
using FedActors.Crypto.Rlwe;

namespace FedActors.Crypto.Multiparty;

/// <summary>
/// Party j's additive share of the collective secret for one active set T: λ_j·tsk_j with λ_j the Lagrange coefficient
/// of x_j for T at 0, so that Σ_{j∈T} λ_j·tsk_j = s (NTT domain over Q). Made locally by <see cref="Combiner"/>; used
/// for decryption shares and re-encryption. Secret: disposing erases it.
/// </summary>
public sealed class AdditiveSecretKey : IDisposable
{
    private readonly RnsPolynomial _value;
    private readonly int[] _activeSet;
    private bool _disposed;

    internal AdditiveSecretKey(RlweParameters parameters, ulong epoch, int partyId, int[] activeSet, RnsPolynomial value)
    {
        Parameters = parameters;
        Epoch = epoch;
        PartyId = partyId;
        _activeSet = activeSet;
        _value = value;
    }

    /// <summary>The parameters.</summary>
    public RlweParameters Parameters { get; }

    /// <summary>The key epoch.</summary>
    public ulong Epoch { get; }

    /// <summary>The owner.</summary>
    public int PartyId { get; }

    /// <summary>The active set the Lagrange coefficient was computed for, in increasing order.</summary>
    public IReadOnlyList<int> ActiveSet => _activeSet;

    internal RnsPolynomial Value
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _value;
        }
    }

    /// <summary>Erases the key.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _value.Clear();
            _disposed = true;
        }
    }

    /// <summary>Names the owner, epoch and active set only.</summary>
    public override string ToString() => $"AdditiveSecretKey(epoch {Epoch}, party {PartyId}, active set {PartySet.Format(_activeSet)}, material redacted)";
}
