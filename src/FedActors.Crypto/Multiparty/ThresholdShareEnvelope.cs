using System.Security.Cryptography;
using FedActors.Crypto.Envelope;
using FedActors.Crypto.Rlwe;

namespace FedActors.Crypto.Multiparty;

/// <summary>
/// Seals threshold shares end to end to their recipient's P-256 key (<see cref="SealedBox"/>: ephemeral ECDH, HKDF,
/// AES-256-GCM), with the parameters' fingerprint, the epoch, the dealer and the recipient as associated data: a relay
/// (the KeyManager) cannot read a share, and a sealed share cannot be replayed to another party, epoch or dealer slot.
/// </summary>
public static class ThresholdShareEnvelope
{
    /// <summary>Seals <paramref name="share"/> to <paramref name="recipientKey"/> (the recipient's identity key).</summary>
    public static byte[] Seal(ThresholdShare share, EcPublicKey recipientKey)
    {
        ArgumentNullException.ThrowIfNull(share);
        ArgumentNullException.ThrowIfNull(recipientKey);
        var plaintext = share.ToBytes();
        try
        {
            return SealedBox.Seal(recipientKey, plaintext, AssociatedData(share.Parameters, share.Epoch, share.DealerId, share.RecipientId));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>
    /// Opens a share that <paramref name="dealerId"/> sealed to <paramref name="recipientId"/> for <paramref name="epoch"/>
    /// and checks that its content says the same.
    /// </summary>
    /// <exception cref="EnvelopeException">The bytes were modified, sealed to another key, or bound to another epoch, dealer or recipient.</exception>
    /// <exception cref="CryptoFormatException">The opened share is malformed or disagrees with the expected epoch, dealer or recipient.</exception>
    public static ThresholdShare Open(RlweParameters parameters, EcKeyPair recipientKey, ReadOnlySpan<byte> sealedShare, ulong epoch, int dealerId, int recipientId)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(recipientKey);
        var plaintext = SealedBox.Open(recipientKey, sealedShare, AssociatedData(parameters, epoch, dealerId, recipientId));
        try
        {
            var share = ThresholdShare.FromBytes(parameters, plaintext);
            if (share.Epoch != epoch || share.DealerId != dealerId || share.RecipientId != recipientId)
            {
                share.Dispose();
                throw new CryptoFormatException("header", $"the sealed share says epoch {share.Epoch}, dealer {share.DealerId}, recipient {share.RecipientId}; expected epoch {epoch}, dealer {dealerId}, recipient {recipientId}.");
            }
            return share;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private static byte[] AssociatedData(RlweParameters parameters, ulong epoch, int dealerId, int recipientId) =>
        new CanonicalEncoder("fedactors/threshold-share/v1")
            .Add(parameters.Fingerprint)
            .Add(unchecked((long)epoch))
            .Add(dealerId)
            .Add(recipientId)
            .ToArray();
}
