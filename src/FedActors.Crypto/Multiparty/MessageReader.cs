using FedActors.Crypto.Ring;
using FedActors.Crypto.Rlwe;

namespace FedActors.Crypto.Multiparty;

/// <summary>
/// Reads what <see cref="MessageWriter"/> writes on top of <see cref="RlweBinaryReader"/> (which validates magic,
/// version, kind, fingerprint, lengths, every residue below its prime and the padding), adding the Multiparty checks:
/// party ids in range, party lists distinct, increasing and no longer than the input can hold. Every failure is a
/// <see cref="CryptoFormatException"/> naming the field; nothing is allocated beyond what the input's length justifies.
/// </summary>
internal sealed class MessageReader
{
    private readonly RlweBinaryReader _reader;

    public MessageReader(RlweParameters parameters, ReadOnlySpan<byte> data, MessageKind kind)
        : this(new RlweBinaryReader(parameters, data, (byte)kind))
    {
    }

    /// <summary>Reads <paramref name="data"/> in place; the bytes must not change while they are read.</summary>
    public MessageReader(RlweParameters parameters, ReadOnlyMemory<byte> data, MessageKind kind)
        : this(new RlweBinaryReader(parameters, data, (byte)kind))
    {
    }

    private MessageReader(RlweBinaryReader reader)
    {
        _reader = reader;
        Epoch = _reader.ReadUInt64("header.epoch");
        Party = ReadParty("header.party", allowZero: true);
    }

    public ulong Epoch { get; }

    public int Party { get; }

    public byte[] ReadBytes(int length, string field) => _reader.ReadBytes(length, field);

    public double ReadDouble(string field, double min, double max) => _reader.ReadDouble(field, min, max);

    public int ReadLevel(string field, int maxLevel) => _reader.ReadLevel(field, maxLevel);

    public RnsPolynomial ReadPolynomial(RnsRing ring, int limbCount, string field) => _reader.ReadPolynomial(ring, limbCount, field);

    public void EnsureEnd() => _reader.EnsureEnd();

    /// <summary>Throws unless the header names a party; <paramref name="reason"/> says why it must ("a commitment names its party").</summary>
    public void EnsureNamedParty(string reason)
    {
        if (Party == 0)
        {
            throw new CryptoFormatException("header.party", $"is 0, {reason}.");
        }
    }

    /// <summary>Reads the active set a share was made for, which must contain the share's own party.</summary>
    public int[] ReadActiveSet()
    {
        var active = ReadParties("activeSet");
        if (Array.BinarySearch(active, Party) < 0)
        {
            throw new CryptoFormatException("activeSet", $"does not contain the share's party {Party}.");
        }
        return active;
    }

    public int ReadParty(string field, bool allowZero = false)
    {
        var value = unchecked((uint)_reader.ReadInt32(field));
        if (value > int.MaxValue || (value == 0 && !allowZero))
        {
            throw new CryptoFormatException(field, $"is {value}, a party id is in [1, {int.MaxValue}].");
        }
        return (int)value;
    }

    public int[] ReadParties(string field)
    {
        var count = unchecked((uint)_reader.ReadInt32($"{field}.count"));
        // Each id takes 4 bytes, so a count larger than the rest of the input is malformed, never an allocation.
        if (count == 0 || count > (uint)(_reader.Remaining / 4))
        {
            throw new CryptoFormatException($"{field}.count", $"is {count}, expected 1 … {_reader.Remaining / 4} given the remaining bytes.");
        }
        var parties = new int[count];
        for (var k = 0; k < parties.Length; k++)
        {
            parties[k] = ReadParty($"{field}[{k}]");
            if (k > 0 && parties[k] <= parties[k - 1])
            {
                throw new CryptoFormatException($"{field}[{k}]", "party ids must be distinct and in increasing order.");
            }
        }
        return parties;
    }
}
