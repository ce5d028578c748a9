using System.Security.Cryptography;
using System.Text;

namespace FedActors.Crypto.Envelope;

/// <summary>HKDF-SHA256 derivations shared by sealing and artifact encryption, each bound to a purpose label.</summary>
internal static class KeyDerivation
{
    /// <summary>
    /// Derives <paramref name="output"/> from an ECDH shared secret. The info string binds the purpose,
    /// the ephemeral point and the recipient point, so a derived key belongs to exactly one exchange.
    /// </summary>
    public static void FromSharedSecret(
        ReadOnlySpan<byte> sharedSecret,
        ReadOnlySpan<byte> salt,
        string purpose,
        ReadOnlySpan<byte> ephemeralPoint,
        ReadOnlySpan<byte> recipientPoint,
        Span<byte> output)
    {
        var info = new CanonicalEncoder(purpose).Add(ephemeralPoint).Add(recipientPoint).ToArray();
        HKDF.DeriveKey(HashAlgorithmName.SHA256, sharedSecret, output, salt, info);
    }

    /// <summary>Derives <paramref name="output"/> from a symmetric key for one purpose.</summary>
    public static void FromKey(ReadOnlySpan<byte> key, ReadOnlySpan<byte> salt, string purpose, Span<byte> output) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, key, output, salt, Encoding.UTF8.GetBytes(purpose));
}
