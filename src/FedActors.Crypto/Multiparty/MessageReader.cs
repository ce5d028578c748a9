using System.Buffers.Binary;
using FedActors.Crypto.Ring;
using FedActors.Crypto.Rlwe;

namespace FedActors.Crypto.Multiparty;

/// <summary>
/// Reads what <see cref="MessageWriter"/> writes, validating everything: magic, version, kind, fingerprint, the
/// presence of every byte, party ids, every residue below its prime, zero padding and (with <see cref="EnsureEnd"/>)
/// no trailing bytes. It never allocates more than the input's length justifies, so malformed input cannot exhaust
/// memory or loop; every failure is a <see cref="MultipartyFormatException"/>.
/// </summary>
internal sealed class MessageReader
{
    private readonly byte[] _data;
    private int _position;

    public MessageReader(RlweParameters parameters, ReadOnlySpan<byte> data, MessageKind kind)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _data = data.ToArray();
        if (_data.Length < MessageWriter.HeaderLength)
        {
            throw new MultipartyFormatException("header", $"needs {MessageWriter.HeaderLength} bytes, the input has {_data.Length}.");
        }
        if (!_data.AsSpan(0, 4).SequenceEqual(MessageWriter.Magic))
        {
            throw new MultipartyFormatException("header.magic", "is not \"FAMP\": this is not a FedActors Multiparty message.");
        }
        if (_data[4] != MessageWriter.Version)
        {
            throw new MultipartyFormatException("header.version", $"is {_data[4]}, this build reads version {MessageWriter.Version}.");
        }
        if (_data[5] != (byte)kind)
        {
            throw new MultipartyFormatException("header.kind", $"is {_data[5]}, expected {(byte)kind} ({kind}).");
        }
        if (!parameters.MatchesFingerprint(_data.AsSpan(6, 16)))
        {
            throw new MultipartyFormatException("header.fingerprint", "does not match the parameter set in use: the message was made with other parameters.");
        }
        _position = 22;
        Epoch = ReadUInt64("header.epoch");
        Party = ReadParty("header.party", allowZero: true);
    }

    public ulong Epoch { get; }

    public int Party { get; }

    public byte ReadByte(string field) => Take(1, field)[0];

    public uint ReadUInt32(string field) => BinaryPrimitives.ReadUInt32LittleEndian(Take(4, field));

    public ulong ReadUInt64(string field) => BinaryPrimitives.ReadUInt64LittleEndian(Take(8, field));

    public double ReadDouble(string field, double min, double max)
    {
        var value = BinaryPrimitives.ReadDoubleLittleEndian(Take(8, field));
        if (!double.IsFinite(value) || value < min || value > max)
        {
            throw new MultipartyFormatException(field, $"is {value}, expected a finite number in [{min}, {max}].");
        }
        return value;
    }

    public byte[] ReadBytes(int length, string field) => Take(length, field).ToArray();

    public int ReadParty(string field, bool allowZero = false)
    {
        var value = ReadUInt32(field);
        if (value > int.MaxValue || (value == 0 && !allowZero))
        {
            throw new MultipartyFormatException(field, $"is {value}, a party id is in [1, {int.MaxValue}].");
        }
        return (int)value;
    }

    public int[] ReadParties(string field)
    {
        var count = ReadUInt32($"{field}.count");
        // Each id takes 4 bytes, so a count larger than the rest of the input is malformed, never an allocation.
        if (count == 0 || count > (uint)(Remaining / 4))
        {
            throw new MultipartyFormatException($"{field}.count", $"is {count}, expected 1 … {Remaining / 4} given the remaining bytes.");
        }
        var parties = new int[count];
        for (var k = 0; k < parties.Length; k++)
        {
            parties[k] = ReadParty($"{field}[{k}]");
            if (k > 0 && parties[k] <= parties[k - 1])
            {
                throw new MultipartyFormatException($"{field}[{k}]", "party ids must be distinct and in increasing order.");
            }
        }
        return parties;
    }

    public int ReadLevel(string field, int maxLevel)
    {
        var level = ReadByte(field);
        if (level > maxLevel)
        {
            throw new MultipartyFormatException(field, $"is {level}, the parameters have levels 0 … {maxLevel}.");
        }
        return level;
    }

    public RnsPolynomial ReadPolynomial(RnsRing ring, int limbCount, string field)
    {
        var bytes = Take(MessageWriter.PackedLength(ring, limbCount), field);
        var polynomial = new RnsPolynomial(ring.N, limbCount);
        var bit = 0L;
        for (var i = 0; i < limbCount; i++)
        {
            var q = ring.Moduli[i].Value;
            var width = ring.Moduli[i].BitLength;
            var mask = (1UL << width) - 1;
            var limb = polynomial.Limb(i);
            for (var j = 0; j < limb.Length; j++)
            {
                var index = (int)(bit >> 3);
                var shift = (int)(bit & 7);
                var count = (width + shift + 7) >> 3;
                ulong low = 0, high = 0;
                for (var k = 0; k < count; k++)
                {
                    if (k < 8)
                    {
                        low |= (ulong)bytes[index + k] << (8 * k);
                    }
                    else
                    {
                        high = bytes[index + k];
                    }
                }
                var value = shift == 0 ? low : (low >> shift) | (high << (64 - shift));
                value &= mask;
                if (value >= q)
                {
                    polynomial.Clear();
                    throw new MultipartyFormatException($"{field}.limb[{i}][{j}]", $"is not below its prime q_{i} ({width} bits).");
                }
                limb[j] = value;
                bit += width;
            }
        }
        var used = (int)(bit & 7);
        if (used != 0 && bytes[^1] >> used != 0)
        {
            polynomial.Clear();
            throw new MultipartyFormatException($"{field}.padding", "has non-zero bits after the last residue.");
        }
        return polynomial;
    }

    public int Remaining => _data.Length - _position;

    public void EnsureEnd()
    {
        if (Remaining != 0)
        {
            throw new MultipartyFormatException("length", $"{Remaining} unexpected bytes after the message.");
        }
    }

    /// <summary>Erases the copy of the input (called by readers of secret messages).</summary>
    public void Erase() => System.Security.Cryptography.CryptographicOperations.ZeroMemory(_data);

    private ReadOnlySpan<byte> Take(int length, string field)
    {
        if (length < 0 || length > Remaining)
        {
            throw new MultipartyFormatException(field, $"needs {length} bytes at offset {_position}, only {Remaining} remain.");
        }
        var span = _data.AsSpan(_position, length);
        _position += length;
        return span;
    }
}
