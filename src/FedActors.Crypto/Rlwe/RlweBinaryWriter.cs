using System.Buffers.Binary;
using FedActors.Crypto.Ring;

namespace FedActors.Crypto.Rlwe;

/// <summary>
/// Writes the FedActors binary format of RLWE objects: a header (magic "FACK", format version, object kind, the
/// 16-byte parameter fingerprint) followed by little-endian fields and bit-packed polynomials (each residue of limb i
/// in exactly bitlength(q_i) bits, least significant bit first, the polynomial padded to a whole byte). Higher layers
/// (Multiparty shares and messages) use the same writer with their own object kinds.
/// </summary>
public sealed class RlweBinaryWriter
{
    /// <summary>The magic bytes that open every serialized object.</summary>
    public static ReadOnlySpan<byte> Magic => "FACK"u8;

    /// <summary>The format version written and accepted.</summary>
    public const byte Version = 1;

    /// <summary>The size of the header in bytes.</summary>
    public const int HeaderLength = 4 + 1 + 1 + 16;

    private readonly MemoryStream _stream = new();

    /// <summary>Starts an object of <paramref name="kind"/> for <paramref name="parameters"/> (writes the header).</summary>
    public RlweBinaryWriter(RlweParameters parameters, byte kind)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters;
        _stream.Write(Magic);
        _stream.WriteByte(Version);
        _stream.WriteByte(kind);
        _stream.Write(parameters.Fingerprint);
    }

    /// <summary>The parameters whose fingerprint the header carries.</summary>
    public RlweParameters Parameters { get; }

    /// <summary>Appends one byte.</summary>
    public void WriteByte(byte value) => _stream.WriteByte(value);

    /// <summary>Appends a 32-bit little-endian integer.</summary>
    public void WriteInt32(int value)
    {
        Span<byte> buffer = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(buffer, value);
        _stream.Write(buffer);
    }

    /// <summary>Appends a 64-bit little-endian unsigned integer.</summary>
    public void WriteUInt64(ulong value)
    {
        Span<byte> buffer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(buffer, value);
        _stream.Write(buffer);
    }

    /// <summary>Appends an IEEE 754 double, little-endian.</summary>
    public void WriteDouble(double value)
    {
        Span<byte> buffer = stackalloc byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(buffer, value);
        _stream.Write(buffer);
    }

    /// <summary>Appends raw bytes.</summary>
    public void WriteBytes(ReadOnlySpan<byte> bytes) => _stream.Write(bytes);

    /// <summary>Appends the limbs of <paramref name="polynomial"/> bit-packed to the widths of <paramref name="ring"/>'s primes.</summary>
    public void WritePolynomial(RnsPolynomial polynomial, RnsRing ring)
    {
        ArgumentNullException.ThrowIfNull(polynomial);
        ArgumentNullException.ThrowIfNull(ring);
        var bytes = new byte[PackedLength(ring, polynomial.LimbCount)];
        var bitPosition = 0L;
        for (var i = 0; i < polynomial.LimbCount; i++)
        {
            var width = ring.Moduli[i].BitLength;
            foreach (var value in polynomial.Limb(i))
            {
                WriteBits(bytes, bitPosition, value, width);
                bitPosition += width;
            }
        }
        _stream.Write(bytes);
    }

    /// <summary>Returns the bytes written so far.</summary>
    public byte[] ToArray() => _stream.ToArray();

    /// <summary>The number of bytes a polynomial with <paramref name="limbCount"/> limbs of <paramref name="ring"/> packs into.</summary>
    public static int PackedLength(RnsRing ring, int limbCount)
    {
        ArgumentNullException.ThrowIfNull(ring);
        var bits = 0L;
        for (var i = 0; i < limbCount; i++)
        {
            bits += (long)ring.Moduli[i].BitLength * ring.N;
        }
        return checked((int)((bits + 7) / 8));
    }

    private static void WriteBits(byte[] bytes, long bitPosition, ulong value, int width)
    {
        var index = (int)(bitPosition >> 3);
        var shift = (int)(bitPosition & 7);
        // value < 2^61 and shift < 8, so value << shift fits in 69 bits: write 8 bytes plus an overflow byte.
        var low = value << shift;
        var high = shift == 0 ? 0 : value >> (64 - shift);
        var total = (width + shift + 7) / 8;
        for (var k = 0; k < total; k++)
        {
            var b = k < 8 ? (byte)(low >> (8 * k)) : (byte)high;
            bytes[index + k] |= b;
        }
    }
}
