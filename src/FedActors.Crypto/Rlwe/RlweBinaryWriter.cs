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

    private byte[] _buffer;
    private int _length;

    /// <summary>Starts an object of <paramref name="kind"/> for <paramref name="parameters"/> (writes the header).</summary>
    public RlweBinaryWriter(RlweParameters parameters, byte kind)
        : this(parameters, kind, 256)
    {
    }

    /// <summary>
    /// Starts an object of <paramref name="kind"/> for <paramref name="parameters"/> with room for
    /// <paramref name="capacity"/> bytes in all (header included): an object written to exactly that length is
    /// returned by <see cref="ToArray"/> without a copy.
    /// </summary>
    public RlweBinaryWriter(RlweParameters parameters, byte kind, int capacity)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 0);
        Parameters = parameters;
        _buffer = new byte[Math.Max(capacity, HeaderLength)];
        WriteBytes(Magic);
        WriteByte(Version);
        WriteByte(kind);
        WriteBytes(parameters.Fingerprint);
    }

    /// <summary>The parameters whose fingerprint the header carries.</summary>
    public RlweParameters Parameters { get; }

    /// <summary>Appends one byte.</summary>
    public void WriteByte(byte value) => Reserve(1)[0] = value;

    /// <summary>Appends a 32-bit little-endian integer.</summary>
    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), value);
    }

    /// <summary>Appends a 64-bit little-endian unsigned integer.</summary>
    public void WriteUInt64(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(Reserve(8), value);
    }

    /// <summary>Appends an IEEE 754 double, little-endian.</summary>
    public void WriteDouble(double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(Reserve(8), value);
    }

    /// <summary>Appends raw bytes.</summary>
    public void WriteBytes(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Reserve(bytes.Length));

    /// <summary>Appends the limbs of <paramref name="polynomial"/> bit-packed to the widths of <paramref name="ring"/>'s primes.</summary>
    public void WritePolynomial(RnsPolynomial polynomial, RnsRing ring)
    {
        ArgumentNullException.ThrowIfNull(polynomial);
        ArgumentNullException.ThrowIfNull(ring);
        var bytes = Reserve(PackedLength(ring, polynomial.LimbCount));
        // A little-endian bit stream: residues (at most 61 bits, Modulus.MaxBits) are shifted into a 64-bit accumulator
        // that is stored eight bytes at a time.
        var accumulator = 0UL;
        var filled = 0;
        var offset = 0;
        for (var i = 0; i < polynomial.LimbCount; i++)
        {
            var width = ring.Moduli[i].BitLength;
            foreach (var value in polynomial.Limb(i))
            {
                accumulator |= value << filled;
                filled += width;
                if (filled >= 64)
                {
                    BinaryPrimitives.WriteUInt64LittleEndian(bytes[offset..], accumulator);
                    offset += 8;
                    filled -= 64;
                    // The bits of value that did not fit (none when it ended exactly on the word boundary).
                    accumulator = filled == 0 ? 0 : value >> (width - filled);
                }
            }
        }
        for (; filled > 0; filled -= 8)
        {
            bytes[offset++] = (byte)accumulator;
            accumulator >>= 8;
        }
    }

    /// <summary>
    /// Returns the bytes written so far: the writer's own array when they fill exactly the capacity it was created with
    /// (it never writes to that array again), otherwise a copy.
    /// </summary>
    public byte[] ToArray() => _length == _buffer.Length ? _buffer : _buffer.AsSpan(0, _length).ToArray();

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

    /// <summary>Appends <paramref name="count"/> zero bytes and returns them; the buffer grows by doubling.</summary>
    private Span<byte> Reserve(int count)
    {
        if (_buffer.Length - _length < count)
        {
            // A new array (never a resize in place): an array ToArray handed out is never written again.
            var grown = new byte[Math.Max(checked(_length + count), 2 * _buffer.Length)];
            _buffer.AsSpan(0, _length).CopyTo(grown);
            _buffer = grown;
        }
        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }
}
