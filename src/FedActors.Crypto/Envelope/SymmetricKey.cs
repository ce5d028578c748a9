using System.Security.Cryptography;

namespace FedActors.Crypto.Envelope;

/// <summary>
/// A random 256-bit key: an epoch's group key (sealed to each member with <see cref="SealTo"/>,
/// then used to encrypt messages among them) or an artifact key read from a key source.
/// The key bytes live in pinned memory and are zeroed on <see cref="Dispose"/>.
/// </summary>
/// <remarks>
/// Message format of <see cref="Encrypt"/>, version 1:
/// <code>
/// offset 0  magic "FASM" (4) | 4 version = 1 (1) | 5 key id (32) | 37 random nonce (12)
///        49 AES-256-GCM ciphertext | end GCM tag (16)
/// </code>
/// The GCM key is derived from the key by HKDF for this purpose only, and the associated data is the
/// header followed by the caller's. Nonces are random, so one key should encrypt fewer than 2^32 messages.
/// </remarks>
public sealed class SymmetricKey : IDisposable
{
    /// <summary>Key size in bytes.</summary>
    public const int Size = 32;

    /// <summary>Bytes <see cref="Encrypt"/> adds to the plaintext.</summary>
    public const int MessageOverhead = HeaderSize + TagSize;

    private const int HeaderSize = 4 + 1 + Fingerprint.Size + NonceSize;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const byte Version = 1;
    private const string MessagePurpose = "fedactors/symmetric-message/v1";
    private const string SealPurpose = "fedactors/sealed-symmetric-key/v1";
    private static ReadOnlySpan<byte> Magic => "FASM"u8;

    private readonly byte[] _key = GC.AllocateArray<byte>(Size, pinned: true);
    private readonly byte[] _messageKey = GC.AllocateArray<byte>(Size, pinned: true);
    private bool _disposed;

    private SymmetricKey(ReadOnlySpan<byte> key)
    {
        key.CopyTo(_key);
        KeyDerivation.FromKey(_key, default, MessagePurpose, _messageKey);
        // The encoding holds the key: hashed and zeroed in place, never copied out.
        Id = new CanonicalEncoder("fedactors/symmetric-key-id/v1").Add(_key).FingerprintAndClear();
    }

    /// <summary>
    /// The key id: SHA-256 of the key under a fixed domain. It names the key in headers without
    /// revealing it (the key is 256 random bits, so the hash cannot be inverted).
    /// </summary>
    public Fingerprint Id { get; }

    /// <summary>Generates a key from <paramref name="random"/>, or from the operating system's CSPRNG when null.</summary>
    public static SymmetricKey Generate(RandomNumberGenerator? random = null)
    {
        Span<byte> bytes = stackalloc byte[Size];
        try
        {
            if (random is null)
            {
                RandomNumberGenerator.Fill(bytes);
            }
            else
            {
                random.GetBytes(bytes);
            }
            return new SymmetricKey(bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>Copies a 32-byte key; the caller zeroes its own copy.</summary>
    /// <exception cref="EnvelopeException">The key is not 32 bytes.</exception>
    public static SymmetricKey FromBytes(ReadOnlySpan<byte> key)
    {
        if (key.Length != Size)
        {
            throw new EnvelopeException($"a symmetric key is {Size} bytes (256 bits), got {key.Length}");
        }
        return new SymmetricKey(key);
    }

    /// <summary>Copies the key bytes out, for writing a key file. Zero the array when done.</summary>
    public byte[] Export()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return (byte[])_key.Clone();
    }

    /// <summary>Encrypts and authenticates <paramref name="plaintext"/>, bound to <paramref name="associatedData"/>.</summary>
    public byte[] Encrypt(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var message = new byte[MessageOverhead + plaintext.Length];
        var header = message.AsSpan(0, HeaderSize);
        Magic.CopyTo(header);
        header[4] = Version;
        Id.Bytes.CopyTo(header[5..]);
        var nonce = header[(5 + Fingerprint.Size)..];
        RandomNumberGenerator.Fill(nonce);
        using var gcm = new AesGcm(_messageKey, TagSize);
        gcm.Encrypt(nonce, plaintext, message.AsSpan(HeaderSize, plaintext.Length), message.AsSpan(HeaderSize + plaintext.Length), Bytes.Concat(header, associatedData));
        return message;
    }

    /// <summary>Decrypts a message made by <see cref="Encrypt"/> under this key with the same associated data.</summary>
    /// <exception cref="EnvelopeException">The message is malformed, under another key, or fails authentication.</exception>
    public byte[] Decrypt(ReadOnlySpan<byte> message, ReadOnlySpan<byte> associatedData)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (message.Length < MessageOverhead)
        {
            throw new EnvelopeException($"a symmetric message is at least {MessageOverhead} bytes, got {message.Length}");
        }
        if (!message[..4].SequenceEqual(Magic))
        {
            throw new EnvelopeException("the bytes are not a symmetric message: the magic is not 'FASM'");
        }
        if (message[4] != Version)
        {
            throw new EnvelopeException($"symmetric message version {message[4]} is not supported; this library reads version {Version}");
        }
        var keyId = Fingerprint.FromBytes(message.Slice(5, Fingerprint.Size));
        if (!keyId.Equals(Id))
        {
            throw new EnvelopeException($"the message is encrypted under key {keyId}, not under this key {Id}");
        }
        var header = message[..HeaderSize];
        var plaintext = new byte[message.Length - MessageOverhead];
        try
        {
            using var gcm = new AesGcm(_messageKey, TagSize);
            gcm.Decrypt(header[(5 + Fingerprint.Size)..], message[HeaderSize..^TagSize], message[^TagSize..], plaintext, Bytes.Concat(header, associatedData));
            return plaintext;
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new EnvelopeException("the message failed authentication: it was modified, or the associated data differs from the sender's", e);
        }
    }

    /// <summary>
    /// Seals this key to <paramref name="member"/>; <paramref name="context"/> (e.g. run id and epoch)
    /// must be given again to open it, so a sealed key cannot be replayed into another context.
    /// </summary>
    public byte[] SealTo(EcPublicKey member, ReadOnlySpan<byte> context)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return SealedBox.Seal(member, _key, SealContext(context));
    }

    /// <summary>Opens a key sealed to <paramref name="member"/> by <see cref="SealTo"/> in the same context.</summary>
    /// <exception cref="EnvelopeException">The sealed key is malformed, for another member, or fails authentication.</exception>
    public static SymmetricKey OpenSealed(EcKeyPair member, ReadOnlySpan<byte> sealedKey, ReadOnlySpan<byte> context)
    {
        var key = SealedBox.Open(member, sealedKey, SealContext(context));
        try
        {
            return FromBytes(key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Zeroes the key bytes.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        CryptographicOperations.ZeroMemory(_key);
        CryptographicOperations.ZeroMemory(_messageKey);
    }

    /// <summary>Names the key id only; never the key.</summary>
    public override string ToString() => $"256-bit symmetric key {Id}";

    private static byte[] SealContext(ReadOnlySpan<byte> context) => new CanonicalEncoder(SealPurpose).Add(context).ToArray();
}
