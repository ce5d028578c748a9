using System.Buffers.Binary;
using FedActors.Crypto.Ring;

namespace FedActors.Crypto.Rlwe;

/// <summary>
/// Reads the format written by <see cref="RlweBinaryWriter"/>, validating as it goes: magic, version, kind,
/// fingerprint, the presence of every byte, every residue below its prime, and (with <see cref="EnsureEnd"/>) no
/// trailing bytes. Every failure is a <see cref="CryptoFormatException"/> naming the field; reading never allocates
/// more than the input's length justifies, so malformed input cannot exhaust memory or loop.
/// </summary>
public sealed class RlweBinaryReader
{
    private readonly ReadOnlyMemory<byte> _memory;
    private int _position;

    /// <summary>Opens a copy of <paramref name="data"/> and validates the header against <paramref name="parameters"/> and <paramref name="kind"/>.</summary>
    /// <exception cref="CryptoFormatException">The header is malformed or belongs to other parameters or another kind.</exception>
    public RlweBinaryReader(RlweParameters parameters, ReadOnlySpan<byte> data, byte kind)
        : this(parameters, data.ToArray().AsMemory(), kind)
    {
    }

    /// <summary>
    /// Opens <paramref name="data"/> without copying it and validates the header against <paramref name="parameters"/>
    /// and <paramref name="kind"/>. The bytes must not change while the reader reads them (e.g. an immutable
    /// <c>ByteString</c>'s memory); every value read is validated after it is read and copied out.
    /// </summary>
    /// <exception cref="CryptoFormatException">The header is malformed or belongs to other parameters or another kind.</exception>
    public RlweBinaryReader(RlweParameters parameters, ReadOnlyMemory<byte> data, byte kind)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters;
        _memory = data;
        var header = data.Span;
        if (header.Length < RlweBinaryWriter.HeaderLength)
        {
            throw new CryptoFormatException("header", $"needs {RlweBinaryWriter.HeaderLength} bytes, the input has {header.Length}.");
        }
        if (!header[..4].SequenceEqual(RlweBinaryWriter.Magic))
        {
            throw new CryptoFormatException("header.magic", "is not \"FACK\": this is not a FedActors crypto object.");
        }
        if (header[4] != RlweBinaryWriter.Version)
        {
            throw new CryptoFormatException("header.version", $"is {header[4]}, this build reads version {RlweBinaryWriter.Version}.");
        }
        if (header[5] != kind)
        {
            throw new CryptoFormatException("header.kind", $"is {header[5]}, expected {kind}.");
        }
        if (!parameters.MatchesFingerprint(header.Slice(6, 16)))
        {
            throw new CryptoFormatException("header.fingerprint", "does not match the parameter set in use: the object was made with other parameters.");
        }
        _position = RlweBinaryWriter.HeaderLength;
    }

    /// <summary>The parameters the header was validated against.</summary>
    public RlweParameters Parameters { get; }

    /// <summary>The number of unread bytes.</summary>
    public int Remaining => _memory.Length - _position;

    /// <summary>Reads one byte.</summary>
    public byte ReadByte(string field) => Take(1, field)[0];

    /// <summary>Reads a 32-bit little-endian integer.</summary>
    public int ReadInt32(string field) => BinaryPrimitives.ReadInt32LittleEndian(Take(4, field));

    /// <summary>Reads a 64-bit little-endian unsigned integer.</summary>
    public ulong ReadUInt64(string field) => BinaryPrimitives.ReadUInt64LittleEndian(Take(8, field));

    /// <summary>Reads a double and checks that it is finite and within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public double ReadDouble(string field, double min = double.MinValue, double max = double.MaxValue)
    {
        var value = BinaryPrimitives.ReadDoubleLittleEndian(Take(8, field));
        if (!double.IsFinite(value) || value < min || value > max)
        {
            throw new CryptoFormatException(field, $"is {value}, expected a finite number in [{min}, {max}].");
        }
        return value;
    }

    /// <summary>Reads <paramref name="length"/> raw bytes.</summary>
    public byte[] ReadBytes(int length, string field) => Take(length, field).ToArray();

    /// <summary>Reads a level byte and checks it is at most <paramref name="maxLevel"/>.</summary>
    public int ReadLevel(string field, int maxLevel)
    {
        var level = ReadByte(field);
        if (level > maxLevel)
        {
            throw new CryptoFormatException(field, $"is {level}, the parameters have levels 0 … {maxLevel}.");
        }
        return level;
    }

    /// <summary>Reads a bit-packed polynomial of <paramref name="limbCount"/> limbs of <paramref name="ring"/>, checking every residue.</summary>
    public RnsPolynomial ReadPolynomial(RnsRing ring, int limbCount, string field)
    {
        ArgumentNullException.ThrowIfNull(ring);
        if (limbCount < 1 || limbCount > ring.MaxLevel + 1)
        {
            throw new CryptoFormatException(field, $"has {limbCount} limbs, the ring has 1 … {ring.MaxLevel + 1}.");
        }
        var bytes = Take(RlweBinaryWriter.PackedLength(ring, limbCount), field);
        var polynomial = new RnsPolynomial(ring.N, limbCount);
        // The residues are a little-endian bit stream. Residue k of a limb starts at bit b = start + k·width: one unaligned
        // 8-byte load at b / 8 holds it when width + b % 8 ≤ 64, the following byte supplies the rest otherwise (a residue
        // is at most 61 bits wide, Modulus.MaxBits). The last residues, whose 9 bytes would run past the end, are read
        // byte by byte.
        var bitPosition = 0L;
        for (var i = 0; i < limbCount; i++)
        {
            var q = ring.Moduli[i].Value;
            var width = ring.Moduli[i].BitLength;
            var mask = (1UL << width) - 1;
            var limb = polynomial.Limb(i);
            for (var j = 0; j < limb.Length; j++, bitPosition += width)
            {
                var index = (int)(bitPosition >> 3);
                var shift = (int)(bitPosition & 7);
                ulong value;
                if (index + 9 <= bytes.Length)
                {
                    value = BinaryPrimitives.ReadUInt64LittleEndian(bytes.Slice(index, 8)) >> shift;
                    if (width + shift > 64)
                    {
                        value |= (ulong)bytes[index + 8] << (64 - shift);
                    }
                }
                else
                {
                    value = ReadTail(bytes, index, shift, width);
                }
                value &= mask;
                if (value >= q)
                {
                    throw new CryptoFormatException($"{field}.limb[{i}][{j}]", $"is {value}, not below its prime {q}.");
                }
                limb[j] = value;
            }
        }
        var padding = (int)(bitPosition & 7);
        if (padding != 0 && bytes[^1] >> padding != 0)
        {
            throw new CryptoFormatException($"{field}.padding", "has non-zero bits after the last residue.");
        }
        return polynomial;
    }

    /// <summary>Checks that every byte was consumed.</summary>
    /// <exception cref="CryptoFormatException">Bytes remain.</exception>
    public void EnsureEnd()
    {
        if (Remaining != 0)
        {
            throw new CryptoFormatException("length", $"{Remaining} unexpected bytes after the object.");
        }
    }

    private ReadOnlySpan<byte> Take(int length, string field)
    {
        if (length < 0 || length > Remaining)
        {
            throw new CryptoFormatException(field, $"needs {length} bytes at offset {_position}, only {Remaining} remain.");
        }
        var span = _memory.Span.Slice(_position, length);
        _position += length;
        return span;
    }

    /// <summary>
    /// The bits of the <paramref name="width"/>-bit value at bit <paramref name="shift"/> of byte <paramref name="index"/>
    /// (the caller masks them), near the end of <paramref name="bytes"/>: every byte it spans exists, since the packed
    /// length covers every residue.
    /// </summary>
    private static ulong ReadTail(ReadOnlySpan<byte> bytes, int index, int shift, int width)
    {
        var count = (shift + width + 7) / 8;
        var value = 0UL;
        for (var k = 0; k < Math.Min(count, 8); k++)
        {
            value |= (ulong)bytes[index + k] << (8 * k);
        }
        value >>= shift;
        if (count > 8)
        {
            value |= (ulong)bytes[index + 8] << (64 - shift);
        }
        return value;
    }
}
