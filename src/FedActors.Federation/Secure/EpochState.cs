using FedActors.Crypto.Ckks;
using FedActors.Crypto.Envelope;
using FedActors.Crypto.Rlwe;
using FedActors.Federation.Protocol;

namespace FedActors.Federation.Secure;

/// <summary>
/// What a client knows of a keyed epoch: the collective public key it encrypts under, the committee (a member's party
/// id is its index + 1), the threshold, and the epoch's group key that opens the key holders' sealed decryption shares.
/// Disposing zeroes the group key; a client disposes the previous epoch's state when the next is keyed.
/// </summary>
public sealed class EpochState : IDisposable
{
    private readonly string[] _committee;

    private EpochState(uint epoch, PublicKey collectiveKey, string[] committee, int threshold, SymmetricKey groupKey)
    {
        Epoch = epoch;
        CollectiveKey = collectiveKey;
        _committee = committee;
        Threshold = threshold;
        GroupKey = groupKey;
    }

    /// <summary>The epoch number.</summary>
    public uint Epoch { get; }

    /// <summary>The committee's collective public key.</summary>
    public PublicKey CollectiveKey { get; }

    /// <summary>The committee's client ids in party order.</summary>
    public IReadOnlyList<string> Committee => _committee;

    /// <summary>t: committee members that decrypt together.</summary>
    public int Threshold { get; }

    /// <summary>The epoch's group key (shares are sealed under it).</summary>
    public SymmetricKey GroupKey { get; }

    /// <summary>
    /// Reads an <see cref="EpochKeyed"/> addressed to <paramref name="clientId"/>: loads the collective key and opens the
    /// group key sealed to <paramref name="identity"/>.
    /// </summary>
    /// <exception cref="ProtocolException">The message carries no group key for this client, or it does not open.</exception>
    public static EpochState Open(EpochKeyed keyed, CkksParameters parameters, EcKeyPair identity, string clientId)
    {
        ArgumentNullException.ThrowIfNull(keyed);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(identity);
        if (keyed.SealedGroupKey.IsEmpty)
        {
            throw new ProtocolException($"Epoch {keyed.Epoch} of run {keyed.RunId} reached client {clientId} without its sealed group key; the KeyManager must send each client the key sealed to it.");
        }
        SymmetricKey groupKey;
        try
        {
            groupKey = SymmetricKey.OpenSealed(identity, keyed.SealedGroupKey.Span, SecureContexts.GroupKey(keyed.RunId, keyed.Epoch, clientId));
        }
        catch (EnvelopeException e)
        {
            throw new ProtocolException($"The group key of epoch {keyed.Epoch} sealed to client {clientId} does not open with its identity key: {e.Message}", e);
        }
        var key = RlweSerializer.DeserializePublicKey(keyed.CollectivePublicKey.Span, parameters.Rlwe);
        return new EpochState(keyed.Epoch, key, [.. keyed.Committee], (int)keyed.Threshold, groupKey);
    }

    /// <summary>The party id of <paramref name="clientId"/> (index in the committee + 1), or 0 when it is not a member.</summary>
    public int PartyOf(string clientId) => Array.IndexOf(_committee, clientId) + 1;

    /// <inheritdoc/>
    public void Dispose() => GroupKey.Dispose();
}
