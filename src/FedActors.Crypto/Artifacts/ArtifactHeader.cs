using System.Buffers.Binary;
using System.Text;
using FedActors.Crypto.Envelope;

namespace FedActors.Crypto.Artifacts;

/// <summary>
/// The header of an encrypted artifact, version 1. It is authenticated by an HMAC under a key derived
/// with the content key, so reading it here checks its structure only; <see cref="ArtifactCipher"/>
/// checks its integrity before decrypting.
/// </summary>
/// <remarks>
/// Layout (big-endian integers):
/// <code>
/// offset 0   magic "FAAR" (4)
///        4   format version = 1 (1)
///        5   key mode: 1 = public key, 2 = symmetric key (1)
///        6   chunk size in plaintext bytes (4), between 1 KiB and 16 MiB
///       10   recipient key id: SHA-256 fingerprint (32)
///       42   random salt for the key derivation (32)
///       74   public-key mode only: ephemeral P-256 public key, uncompressed point (65)
///   74/139   HMAC-SHA256 of all preceding header bytes (32)
/// </code>
/// The chunks follow (see <see cref="ChunkedEncryptionStream"/>): each is the ciphertext of
/// <see cref="ChunkSize"/> bytes and a 16-byte tag, the last one shorter and flagged final.
/// </remarks>
public sealed class ArtifactHeader
{
    /// <summary>The format version this library writes and reads.</summary>
    public const byte CurrentVersion = 1;

    internal const int MacSize = 32;
    internal const int RecipientKeyIdOffset = 10;
    internal const int SaltSize = 32;
    private const int FixedSize = 4 + 1 + 1 + 4 + Fingerprint.Size + SaltSize;
    private static ReadOnlySpan<byte> Magic => "FAAR"u8;

    private readonly byte[] _salt;
    private readonly byte[] _mac;

    internal ArtifactHeader(ArtifactKeyMode mode, int chunkSize, Fingerprint recipientKeyId, byte[] salt, EcPublicKey? ephemeralPublicKey, byte[] mac)
    {
        Mode = mode;
        ChunkSize = chunkSize;
        RecipientKeyId = recipientKeyId;
        _salt = salt;
        EphemeralPublicKey = ephemeralPublicKey;
        _mac = mac;
    }

    /// <summary>The format version.</summary>
    public byte Version => CurrentVersion;

    /// <summary>How the content key is established.</summary>
    public ArtifactKeyMode Mode { get; }

    /// <summary>Plaintext bytes per chunk.</summary>
    public int ChunkSize { get; }

    /// <summary>Id of the key that decrypts the artifact: the recipient public key's or the symmetric key's fingerprint.</summary>
    public Fingerprint RecipientKeyId { get; }

    /// <summary>The sender's ephemeral public key in public-key mode; null in symmetric mode.</summary>
    public EcPublicKey? EphemeralPublicKey { get; }

    /// <summary>Header length in bytes; the first chunk starts here.</summary>
    public int Length => SizeOf(Mode);

    internal ReadOnlySpan<byte> Salt => _salt;

    internal ReadOnlySpan<byte> Mac => _mac;

    private static int SizeOf(ArtifactKeyMode mode) =>
        FixedSize + (mode == ArtifactKeyMode.PublicKey ? EcPublicKey.PointSize : 0) + MacSize;

    /// <summary>
    /// The plaintext length implied by an artifact of <paramref name="artifactLength"/> bytes with this header,
    /// or null if no artifact of this header has that length (it was truncated or extended).
    /// </summary>
    public long? PlaintextLength(long artifactLength)
    {
        var body = artifactLength - Length;
        long block = ChunkSize + ChunkedEncryptionStream.TagSize;
        if (body < ChunkedEncryptionStream.TagSize)
        {
            return null;
        }
        var chunks = (body / block) + 1;
        var finalChunk = body % block;
        return finalChunk < ChunkedEncryptionStream.TagSize ? null : body - (chunks * ChunkedEncryptionStream.TagSize);
    }

    /// <summary>The header bytes the MAC covers (everything but the MAC).</summary>
    internal byte[] EncodeAuthenticatedPart()
    {
        var bytes = new byte[Length - MacSize];
        Magic.CopyTo(bytes);
        bytes[4] = CurrentVersion;
        bytes[5] = (byte)Mode;
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(6), ChunkSize);
        RecipientKeyId.Bytes.CopyTo(bytes.AsSpan(RecipientKeyIdOffset));
        _salt.CopyTo(bytes.AsSpan(42));
        EphemeralPublicKey?.ToUncompressedPoint().CopyTo(bytes.AsSpan(FixedSize));
        return bytes;
    }

    /// <summary>Reads and structurally validates a header from the start of <paramref name="stream"/>.</summary>
    /// <param name="stream">Positioned at the artifact's first byte; left positioned at the first chunk.</param>
    /// <param name="sourceName">Names the artifact in error messages (a file path, say).</param>
    /// <exception cref="ArtifactException">The header is truncated or malformed; the message says which field, at which offset.</exception>
    public static ArtifactHeader Read(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var fixedPart = new byte[FixedSize];
        ReadExactly(stream, fixedPart, 0, sourceName);
        if (!fixedPart.AsSpan(0, 4).SequenceEqual(Magic))
        {
            throw Malformed(sourceName, 0, $"the magic is '{Printable(fixedPart.AsSpan(0, 4))}', not 'FAAR': this is not a FedActors encrypted artifact");
        }
        if (fixedPart[4] != CurrentVersion)
        {
            throw Malformed(sourceName, 4, $"format version {fixedPart[4]} is not supported; this build reads version {CurrentVersion}");
        }
        var mode = (ArtifactKeyMode)fixedPart[5];
        if (mode is not (ArtifactKeyMode.PublicKey or ArtifactKeyMode.SymmetricKey))
        {
            throw Malformed(sourceName, 5, $"key mode {fixedPart[5]} is unknown; expected 1 (public key) or 2 (symmetric key)");
        }
        var chunkSize = BinaryPrimitives.ReadInt32BigEndian(fixedPart.AsSpan(6));
        if (chunkSize is < ChunkedEncryptionStream.MinChunkSize or > ChunkedEncryptionStream.MaxChunkSize)
        {
            throw Malformed(sourceName, 6, $"chunk size {chunkSize} is outside {ChunkedEncryptionStream.MinChunkSize}..{ChunkedEncryptionStream.MaxChunkSize}");
        }
        var keyId = Fingerprint.FromBytes(fixedPart.AsSpan(RecipientKeyIdOffset, Fingerprint.Size));
        var salt = fixedPart.AsSpan(42, SaltSize).ToArray();
        EcPublicKey? ephemeral = null;
        if (mode == ArtifactKeyMode.PublicKey)
        {
            var point = new byte[EcPublicKey.PointSize];
            ReadExactly(stream, point, FixedSize, sourceName);
            try
            {
                ephemeral = EcPublicKey.FromUncompressedPoint(point);
            }
            catch (EnvelopeException e)
            {
                throw new ArtifactException($"{sourceName}: header field 'ephemeral public key' at byte offset {FixedSize} is malformed: {e.Message}", e);
            }
        }
        var mac = new byte[MacSize];
        ReadExactly(stream, mac, SizeOf(mode) - MacSize, sourceName);
        return new ArtifactHeader(mode, chunkSize, keyId, salt, ephemeral, mac);
    }

    private static void ReadExactly(Stream stream, byte[] buffer, int offset, string sourceName)
    {
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        if (read < buffer.Length)
        {
            throw new ArtifactException($"{sourceName}: the header is truncated at byte offset {offset + read}: the file ends inside it");
        }
    }

    private static ArtifactException Malformed(string sourceName, int offset, string what) =>
        new($"{sourceName}: header byte offset {offset}: {what}");

    private static string Printable(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder();
        foreach (var b in bytes)
        {
            text.Append(b is >= 0x20 and < 0x7f ? (char)b : '.');
        }
        return text.ToString();
    }

    /// <summary>A multi-line description of every field, for <c>fedactors artifact inspect</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder()
            .AppendLine($"format:        FedActors encrypted artifact, version {Version}")
            .AppendLine($"key mode:      {(Mode == ArtifactKeyMode.PublicKey ? "public key (ECDH P-256, HKDF-SHA256, AES-256-GCM)" : "symmetric key (HKDF-SHA256, AES-256-GCM)")}")
            .AppendLine($"recipient key: {RecipientKeyId}")
            .AppendLine($"chunk size:    {ChunkSize} bytes")
            .Append($"header size:   {Length} bytes");
        if (EphemeralPublicKey is not null)
        {
            text.AppendLine().Append($"ephemeral key: {EphemeralPublicKey.Id}");
        }
        return text.ToString();
    }
}
