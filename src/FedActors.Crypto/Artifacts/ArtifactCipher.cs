using System.Security.Cryptography;
using FedActors.Crypto.Envelope;

namespace FedActors.Crypto.Artifacts;

/// <summary>
/// Encrypts and decrypts artifacts (model weights, data sets, assemblies: any byte stream) as streams,
/// in memory bounded by two chunks whatever the artifact's size. The format is described on
/// <see cref="ArtifactHeader"/>.
/// </summary>
/// <remarks>
/// Key schedule: the input key material is the ECDH shared secret (public-key mode, with a fresh
/// ephemeral key per artifact) or the symmetric key; HKDF-SHA256 with the header's random salt and the
/// authenticated header bytes as context yields the AES-256-GCM chunk key, the HMAC key of the header and
/// the chunk nonce prefix. Every artifact therefore has its own keys, the header is bound to its chunks,
/// and a flipped header byte, a wrong key, or a chunk moved between artifacts all fail.
/// </remarks>
public static class ArtifactCipher
{
    private const string Purpose = "fedactors/artifact/v1";
    private const int ChunkKeySize = 32;
    private const int MacKeySize = 32;
    private const int DerivedSize = ChunkKeySize + MacKeySize + ChunkedEncryptionStream.NoncePrefixSize;

    /// <summary>
    /// Returns a stream that reads <paramref name="plaintext"/> and yields the encrypted artifact for <paramref name="key"/>.
    /// </summary>
    /// <param name="plaintext">The artifact's content; disposed with the returned stream unless <paramref name="leaveOpen"/>.</param>
    /// <param name="key">A recipient public key, a key pair (encrypts to its own public key) or a symmetric key.</param>
    /// <param name="chunkSize">Plaintext bytes per authenticated chunk.</param>
    /// <param name="leaveOpen">Leave <paramref name="plaintext"/> open when the returned stream is disposed.</param>
    public static Stream OpenEncrypting(Stream plaintext, ArtifactKey key, int chunkSize = ChunkedEncryptionStream.DefaultChunkSize, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        ArgumentNullException.ThrowIfNull(key);
        if (chunkSize is < ChunkedEncryptionStream.MinChunkSize or > ChunkedEncryptionStream.MaxChunkSize)
        {
            throw new ArgumentOutOfRangeException(nameof(chunkSize), chunkSize, $"the chunk size must be between {ChunkedEncryptionStream.MinChunkSize} and {ChunkedEncryptionStream.MaxChunkSize} bytes");
        }
        var salt = RandomNumberGenerator.GetBytes(ArtifactHeader.SaltSize);
        byte[] keyMaterial;
        ArtifactHeader header;
        if (key.Mode == ArtifactKeyMode.PublicKey)
        {
            var ephemeralPoint = new byte[EcPublicKey.PointSize];
            keyMaterial = key.PublicKey!.AgreeWithEphemeral(ephemeralPoint);
            header = new ArtifactHeader(key.Mode, chunkSize, key.Id, salt, EcPublicKey.FromUncompressedPoint(ephemeralPoint), []);
        }
        else
        {
            keyMaterial = key.Symmetric!.Export();
            header = new ArtifactHeader(key.Mode, chunkSize, key.Id, salt, null, []);
        }
        var authenticated = header.EncodeAuthenticatedPart();
        var derived = GC.AllocateArray<byte>(DerivedSize, pinned: true);
        try
        {
            Derive(keyMaterial, header, authenticated, derived);
            var headerBytes = new byte[header.Length];
            authenticated.CopyTo(headerBytes, 0);
            HMACSHA256.HashData(derived.AsSpan(ChunkKeySize, MacKeySize), authenticated, headerBytes.AsSpan(authenticated.Length));
            var chunks = new ChunkedEncryptionStream(plaintext, derived.AsSpan(0, ChunkKeySize), derived.AsSpan(ChunkKeySize + MacKeySize), chunkSize, leaveOpen);
            return new ArtifactEncryptingStream(headerBytes, chunks);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(keyMaterial);
            CryptographicOperations.ZeroMemory(derived);
        }
    }

    /// <summary>
    /// Reads and authenticates the header of <paramref name="encrypted"/> and returns a stream yielding the
    /// plaintext. Reading it throws <see cref="ArtifactException"/> at the first chunk that fails.
    /// </summary>
    /// <param name="encrypted">The artifact, positioned at its first byte; disposed with the returned stream unless <paramref name="leaveOpen"/>.</param>
    /// <param name="key">The key pair whose public key it was encrypted to, or the symmetric key.</param>
    /// <param name="sourceName">Names the artifact in error messages.</param>
    /// <param name="leaveOpen">Leave <paramref name="encrypted"/> open when the returned stream is disposed.</param>
    /// <exception cref="ArtifactException">The header is malformed or modified, or <paramref name="key"/> is not the artifact's key.</exception>
    public static Stream OpenDecrypting(Stream encrypted, ArtifactKey key, string sourceName, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(encrypted);
        ArgumentNullException.ThrowIfNull(key);
        var header = ArtifactHeader.Read(encrypted, sourceName);
        CheckKeyMatches(header, key, sourceName);
        var keyMaterial = header.Mode == ArtifactKeyMode.PublicKey
            ? key.KeyPair!.DeriveSharedSecret(header.EphemeralPublicKey!)
            : key.Symmetric!.Export();
        var authenticated = header.EncodeAuthenticatedPart();
        var derived = GC.AllocateArray<byte>(DerivedSize, pinned: true);
        try
        {
            Derive(keyMaterial, header, authenticated, derived);
            Span<byte> mac = stackalloc byte[ArtifactHeader.MacSize];
            HMACSHA256.HashData(derived.AsSpan(ChunkKeySize, MacKeySize), authenticated, mac);
            if (!CryptographicOperations.FixedTimeEquals(mac, header.Mac))
            {
                // The key id matched, so the key is right: the header bytes themselves were changed.
                throw new ArtifactException($"{sourceName}: the header (bytes 0..{header.Length - 1}) failed authentication: it was modified");
            }
            var chunks = new ChunkedDecryptionStream(encrypted, derived.AsSpan(0, ChunkKeySize), derived.AsSpan(ChunkKeySize + MacKeySize), header.ChunkSize, header.Length, leaveOpen);
            return new ArtifactDecryptingStream(chunks, sourceName);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(keyMaterial);
            CryptographicOperations.ZeroMemory(derived);
        }
    }

    /// <summary>Encrypts all of <paramref name="plaintext"/> into <paramref name="output"/>.</summary>
    public static void Encrypt(Stream plaintext, Stream output, ArtifactKey key, int chunkSize = ChunkedEncryptionStream.DefaultChunkSize)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var encrypting = OpenEncrypting(plaintext, key, chunkSize, leaveOpen: true);
        encrypting.CopyTo(output, CopyBufferSize(chunkSize));
    }

    /// <summary>
    /// Decrypts all of <paramref name="encrypted"/> into <paramref name="output"/>. On failure, what was
    /// already written to <paramref name="output"/> is authenticated but incomplete: discard it.
    /// </summary>
    /// <exception cref="ArtifactException">The artifact is malformed, modified, truncated, extended, or not for <paramref name="key"/>.</exception>
    public static void Decrypt(Stream encrypted, Stream output, ArtifactKey key, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var decrypting = OpenDecrypting(encrypted, key, sourceName, leaveOpen: true);
        decrypting.CopyTo(output, ChunkedEncryptionStream.DefaultChunkSize);
    }

    private static int CopyBufferSize(int chunkSize) => chunkSize + ChunkedEncryptionStream.TagSize;

    private static void CheckKeyMatches(ArtifactHeader header, ArtifactKey key, string sourceName)
    {
        if (header.Mode != key.Mode)
        {
            throw new ArtifactException(header.Mode == ArtifactKeyMode.PublicKey
                ? $"{sourceName}: the artifact is encrypted to public key {header.RecipientKeyId}; decrypt it with the matching private key, not a symmetric key"
                : $"{sourceName}: the artifact is encrypted with symmetric key {header.RecipientKeyId}; decrypt it with that key from a key source, not a private key");
        }
        if (key.Mode == ArtifactKeyMode.PublicKey && key.KeyPair is null)
        {
            throw new ArgumentException("a recipient public key cannot decrypt; pass the key pair (ArtifactKey.FromKeyPair)", nameof(key));
        }
        if (!header.RecipientKeyId.Equals(key.Id))
        {
            throw new ArtifactException(
                $"{sourceName}: wrong key: the artifact is encrypted to key {header.RecipientKeyId}, but the key supplied is {key.Id} " +
                $"(if that is the right key, the header's key id, bytes {ArtifactHeader.RecipientKeyIdOffset}..{ArtifactHeader.RecipientKeyIdOffset + Fingerprint.Size - 1}, was modified)");
        }
    }

    private static void Derive(byte[] keyMaterial, ArtifactHeader header, byte[] authenticatedHeader, Span<byte> output)
    {
        var info = new CanonicalEncoder(Purpose).Add(authenticatedHeader).ToArray();
        HKDF.DeriveKey(HashAlgorithmName.SHA256, keyMaterial, output, header.Salt, info);
    }
}
