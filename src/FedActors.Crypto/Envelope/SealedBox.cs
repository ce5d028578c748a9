using System.Security.Cryptography;

namespace FedActors.Crypto.Envelope;

/// <summary>
/// Seals a message to a recipient's P-256 public key so that only the holder of the private key can
/// open it: ephemeral ECDH P-256, HKDF-SHA256, AES-256-GCM, with caller-supplied associated data.
/// </summary>
/// <remarks>
/// Format, version 1 (all fields fixed-size, so the header parses without lengths):
/// <code>
/// offset 0   magic "FASB" (4)
///        4   version = 1 (1)
///        5   recipient key id: SHA-256 of its SubjectPublicKeyInfo (32)
///       37   ephemeral public key, uncompressed point (65)
///      102   AES-256-GCM ciphertext (same length as the plaintext)
///      end   GCM tag (16)
/// </code>
/// The AES key and nonce come from HKDF over the shared secret, with the ephemeral and recipient points
/// in the info string; a fresh ephemeral key per message makes the (key, nonce) pair unique. The GCM
/// associated data is the 102-byte header followed by the caller's associated data, so a sealed message
/// opens only with the same header and the same context.
/// </remarks>
public static class SealedBox
{
    /// <summary>The format version this library writes and reads.</summary>
    public const byte Version = 1;

    /// <summary>Bytes before the ciphertext.</summary>
    public const int HeaderSize = 4 + 1 + Fingerprint.Size + EcPublicKey.PointSize;

    /// <summary>Bytes a sealed message adds to its plaintext (header and tag).</summary>
    public const int Overhead = HeaderSize + TagSize;

    private const int TagSize = 16;
    private const int NonceSize = 12;
    private const int KeySize = 32;
    private const string Purpose = "fedactors/sealed-box/v1";
    private static ReadOnlySpan<byte> Magic => "FASB"u8;

    /// <summary>Seals <paramref name="plaintext"/> to <paramref name="recipient"/>, bound to <paramref name="associatedData"/>.</summary>
    public static byte[] Seal(EcPublicKey recipient, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        var sealedMessage = new byte[Overhead + plaintext.Length];
        var header = sealedMessage.AsSpan(0, HeaderSize);
        Magic.CopyTo(header);
        header[4] = Version;
        recipient.Id.Bytes.CopyTo(header[5..]);
        var ephemeralPoint = header[(5 + Fingerprint.Size)..];
        var shared = recipient.AgreeWithEphemeral(ephemeralPoint);
        Span<byte> keyAndNonce = stackalloc byte[KeySize + NonceSize];
        try
        {
            KeyDerivation.FromSharedSecret(shared, default, Purpose, ephemeralPoint, recipient.ToUncompressedPoint(), keyAndNonce);
            using var gcm = new AesGcm(keyAndNonce[..KeySize], TagSize);
            gcm.Encrypt(
                keyAndNonce[KeySize..],
                plaintext,
                sealedMessage.AsSpan(HeaderSize, plaintext.Length),
                sealedMessage.AsSpan(HeaderSize + plaintext.Length),
                Bytes.Concat(header, associatedData));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(shared);
            CryptographicOperations.ZeroMemory(keyAndNonce);
        }
        return sealedMessage;
    }

    /// <summary>
    /// Opens a message sealed to <paramref name="recipient"/>'s public key with the same associated data.
    /// </summary>
    /// <exception cref="EnvelopeException">
    /// The bytes are malformed, sealed to another key, or fail authentication (modified, or the associated
    /// data differs); the message says which.
    /// </exception>
    public static byte[] Open(EcKeyPair recipient, ReadOnlySpan<byte> sealedMessage, ReadOnlySpan<byte> associatedData)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        var recipientId = ReadRecipientId(sealedMessage);
        if (!recipientId.Equals(recipient.PublicKey.Id))
        {
            throw new EnvelopeException($"the sealed message is for key {recipientId}, not for this key {recipient.PublicKey.Id}");
        }
        var header = sealedMessage[..HeaderSize];
        var ephemeralPoint = header[(5 + Fingerprint.Size)..];
        var ciphertext = sealedMessage[HeaderSize..^TagSize];
        var plaintext = new byte[ciphertext.Length];

        var shared = recipient.DeriveSharedSecret(ephemeralPoint);
        Span<byte> keyAndNonce = stackalloc byte[KeySize + NonceSize];
        try
        {
            KeyDerivation.FromSharedSecret(shared, default, Purpose, ephemeralPoint, recipient.PublicKey.ToUncompressedPoint(), keyAndNonce);
            using var gcm = new AesGcm(keyAndNonce[..KeySize], TagSize);
            gcm.Decrypt(keyAndNonce[KeySize..], ciphertext, sealedMessage[^TagSize..], plaintext, Bytes.Concat(header, associatedData));
            return plaintext;
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new EnvelopeException("the sealed message failed authentication: it was modified, or the associated data differs from the sealer's", e);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(shared);
            CryptographicOperations.ZeroMemory(keyAndNonce);
        }
    }

    /// <summary>Validates the header of a sealed message and returns the id of the key it is sealed to.</summary>
    /// <exception cref="EnvelopeException">The header is malformed: too short, wrong magic or unsupported version.</exception>
    public static Fingerprint ReadRecipientId(ReadOnlySpan<byte> sealedMessage)
    {
        if (sealedMessage.Length < Overhead)
        {
            throw new EnvelopeException($"a sealed message is at least {Overhead} bytes, got {sealedMessage.Length}");
        }
        if (!sealedMessage[..4].SequenceEqual(Magic))
        {
            throw new EnvelopeException("the bytes are not a sealed message: the magic is not 'FASB'");
        }
        if (sealedMessage[4] != Version)
        {
            throw new EnvelopeException($"sealed message version {sealedMessage[4]} is not supported; this library reads version {Version}");
        }
        return Fingerprint.FromBytes(sealedMessage.Slice(5, Fingerprint.Size));
    }
}
