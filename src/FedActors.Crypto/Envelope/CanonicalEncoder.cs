using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace FedActors.Crypto.Envelope;

/// <summary>
/// Builds the canonical byte string that a signature covers. The first record is the domain
/// (what is being signed, e.g. <c>fedactors/contribution/v1</c>); each field that follows is a
/// record of one type byte, a 4-byte big-endian length and the field's bytes.
/// </summary>
/// <remarks>
/// Every record is self-delimiting, so the encoding is injective: two different
/// (domain, field list) pairs never produce the same bytes, and a signature made for one domain
/// can never be replayed as a signature for another. Strings are UTF-8, integers 8-byte big-endian.
/// </remarks>
public sealed class CanonicalEncoder
{
    private const byte DomainTag = 0xD0;
    private const byte BytesTag = 0x01;
    private const byte TextTag = 0x02;
    private const byte IntegerTag = 0x03;

    private readonly MemoryStream _buffer = new();

    /// <summary>Starts an encoding for <paramref name="domain"/>, which must be non-empty.</summary>
    /// <exception cref="ArgumentException">The domain is empty or whitespace.</exception>
    public CanonicalEncoder(string domain)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(domain);
        WriteRecord(DomainTag, Encoding.UTF8.GetBytes(domain));
    }

    /// <summary>Appends a byte-string field.</summary>
    public CanonicalEncoder Add(ReadOnlySpan<byte> bytes)
    {
        WriteRecord(BytesTag, bytes);
        return this;
    }

    /// <summary>Appends a text field, encoded as UTF-8.</summary>
    public CanonicalEncoder Add(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        WriteRecord(TextTag, Encoding.UTF8.GetBytes(text));
        return this;
    }

    /// <summary>Appends a signed 64-bit integer field.</summary>
    public CanonicalEncoder Add(long value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        WriteRecord(IntegerTag, bytes);
        return this;
    }

    /// <summary>The canonical bytes of the domain and every field added so far.</summary>
    public byte[] ToArray() => _buffer.ToArray();

    /// <summary>
    /// The fingerprint (SHA-256) of the canonical bytes, after which the encoder's buffer is zeroed: for encodings
    /// that hold a secret (a key whose id is its hash), so that no copy of it is left in the heap. The encoder is empty afterwards.
    /// </summary>
    internal Fingerprint FingerprintAndClear()
    {
        var fingerprint = Fingerprint.Of(_buffer.GetBuffer().AsSpan(0, (int)_buffer.Length));
        CryptographicOperations.ZeroMemory(_buffer.GetBuffer());
        _buffer.SetLength(0);
        return fingerprint;
    }

    private void WriteRecord(byte tag, ReadOnlySpan<byte> value)
    {
        Span<byte> prefix = stackalloc byte[5];
        prefix[0] = tag;
        BinaryPrimitives.WriteInt32BigEndian(prefix[1..], value.Length);
        _buffer.Write(prefix);
        _buffer.Write(value);
    }
}
