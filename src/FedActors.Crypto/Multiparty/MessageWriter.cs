using FedActors.Crypto.Ring;
using FedActors.Crypto.Rlwe;

namespace FedActors.Crypto.Multiparty;

/// <summary>
/// Writes Multiparty messages in the crypto binary format (<see cref="RlweBinaryWriter"/>: magic "FACK", version, object
/// kind = <see cref="MessageKind"/>, the 16-byte parameter fingerprint), followed by the Multiparty header fields — the
/// key epoch (u64) and the sending party (u32, 0 for an aggregate) — and the body: little-endian integers, party lists
/// (u32 count, then u32 ids in increasing order) and polynomials bit-packed to their primes' widths.
/// </summary>
internal sealed class MessageWriter
{
    private readonly RlweBinaryWriter _writer;

    /// <summary>The bytes of the header: the crypto format's, the epoch and the party.</summary>
    public const int HeaderLength = RlweBinaryWriter.HeaderLength + 8 + 4;

    /// <param name="parameters">The parameter set.</param>
    /// <param name="kind">The message kind.</param>
    /// <param name="epoch">The key epoch.</param>
    /// <param name="party">The sending party.</param>
    /// <param name="capacity">The message's length when known (header included), so it is written without copies.</param>
    public MessageWriter(RlweParameters parameters, MessageKind kind, ulong epoch, int party, int capacity = 256)
    {
        _writer = new RlweBinaryWriter(parameters, (byte)kind, capacity);
        _writer.WriteUInt64(epoch);
        WriteUInt32((uint)party);
    }

    public void WriteByte(byte value) => _writer.WriteByte(value);

    public void WriteUInt32(uint value) => _writer.WriteInt32(unchecked((int)value));

    public void WriteDouble(double value) => _writer.WriteDouble(value);

    public void WriteBytes(ReadOnlySpan<byte> bytes) => _writer.WriteBytes(bytes);

    public void WriteParties(IReadOnlyList<int> parties)
    {
        WriteUInt32((uint)parties.Count);
        foreach (var party in parties)
        {
            WriteUInt32((uint)party);
        }
    }

    public void WritePolynomial(RnsPolynomial polynomial, RnsRing ring) => _writer.WritePolynomial(polynomial, ring);

    public byte[] ToArray() => _writer.ToArray();
}
