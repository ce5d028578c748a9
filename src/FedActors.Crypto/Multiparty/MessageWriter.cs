using System.Buffers.Binary;
using FedActors.Crypto.Ring;
using FedActors.Crypto.Rlwe;

namespace FedActors.Crypto.Multiparty;

/// <summary>
/// Writes the Multiparty binary format. Header (34 bytes): magic "FAMP", format version, <see cref="MessageKind"/>,
/// the 16-byte parameter fingerprint, the key epoch (u64) and the sending party (u32); then the body: little-endian
/// integers and polynomials bit-packed to their primes' widths (residue j of limb i in bitlength(q_i) bits, least
/// significant bit first, the polynomial padded with zero bits to a whole byte).
/// </summary>
internal sealed class MessageWriter
{
    public const byte Version = 1;
    public const int HeaderLength = 4 + 1 + 1 + 16 + 8 + 4;

    private readonly MemoryStream _stream = new();

    public MessageWriter(RlweParameters parameters, MessageKind kind, ulong epoch, int party)
    {
        _stream.Write(Magic);
        _stream.WriteByte(Version);
        _stream.WriteByte((byte)kind);
        _stream.Write(parameters.Fingerprint);
        WriteUInt64(epoch);
        WriteUInt32((uint)party);
    }

    public static ReadOnlySpan<byte> Magic => "FAMP"u8;

    public void WriteByte(byte value) => _stream.WriteByte(value);

    public void WriteUInt32(uint value)
    {
        Span<byte> buffer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, value);
        _stream.Write(buffer);
    }

    public void WriteUInt64(ulong value)
    {
        Span<byte> buffer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(buffer, value);
        _stream.Write(buffer);
    }

    public void WriteDouble(double value)
    {
        Span<byte> buffer = stackalloc byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(buffer, value);
        _stream.Write(buffer);
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes) => _stream.Write(bytes);

    public void WriteParties(IReadOnlyList<int> parties)
    {
        WriteUInt32((uint)parties.Count);
        foreach (var party in parties)
        {
            WriteUInt32((uint)party);
        }
    }

    public void WritePolynomial(RnsPolynomial polynomial, RnsRing ring)
    {
        var bytes = new byte[PackedLength(ring, polynomial.LimbCount)];
        var bit = 0L;
        for (var i = 0; i < polynomial.LimbCount; i++)
        {
            var width = ring.Moduli[i].BitLength;
            foreach (var value in polynomial.Limb(i))
            {
                var index = (int)(bit >> 3);
                var shift = (int)(bit & 7);
                // value < 2^61 and shift < 8: value << shift spans at most 9 bytes.
                var low = value << shift;
                var high = shift == 0 ? 0UL : value >> (64 - shift);
                var count = (width + shift + 7) >> 3;
                for (var k = 0; k < count; k++)
                {
                    bytes[index + k] |= k < 8 ? (byte)(low >> (8 * k)) : (byte)high;
                }
                bit += width;
            }
        }
        _stream.Write(bytes);
        Array.Clear(bytes);
    }

    /// <summary>Returns the message; the internal buffer is erased (bodies may be secret shares).</summary>
    public byte[] ToArray()
    {
        var result = _stream.ToArray();
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(_stream.GetBuffer());
        return result;
    }

    public static int PackedLength(RnsRing ring, int limbCount)
    {
        var bits = 0L;
        for (var i = 0; i < limbCount; i++)
        {
            bits += (long)ring.Moduli[i].BitLength * ring.N;
        }
        return checked((int)((bits + 7) / 8));
    }
}
