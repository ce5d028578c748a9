using FedActors.Crypto.Rlwe;

namespace FedActors.Crypto.Multiparty;

/// <summary>A party's published commitment to its CRS contribution: SHA-256 over (domain, parameters, epoch, party, value).</summary>
public sealed class CrsCommitment
{
    /// <summary>The length of the commitment in bytes.</summary>
    public const int Length = 32;

    private readonly byte[] _hash;

    /// <summary>Wraps a commitment.</summary>
    /// <exception cref="ArgumentException">The hash is not 32 bytes or the party id is not positive.</exception>
    public CrsCommitment(ulong epoch, int partyId, ReadOnlySpan<byte> hash)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(partyId);
        if (hash.Length != Length)
        {
            throw new ArgumentException($"A commitment is {Length} bytes, got {hash.Length}.", nameof(hash));
        }
        Epoch = epoch;
        PartyId = partyId;
        _hash = hash.ToArray();
    }

    /// <summary>The epoch.</summary>
    public ulong Epoch { get; }

    /// <summary>The committing party.</summary>
    public int PartyId { get; }

    /// <summary>The commitment hash.</summary>
    public ReadOnlySpan<byte> Hash => _hash;

    /// <summary>Returns the binary form (Multiparty header, then the 32-byte hash).</summary>
    public byte[] ToBytes(RlweParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var writer = new MessageWriter(parameters, MessageKind.CrsCommitment, Epoch, PartyId);
        writer.WriteBytes(_hash);
        return writer.ToArray();
    }

    /// <summary>Reads and validates the binary form.</summary>
    /// <exception cref="CryptoFormatException">The bytes are malformed or belong to other parameters.</exception>
    public static CrsCommitment FromBytes(RlweParameters parameters, ReadOnlySpan<byte> data)
    {
        var reader = new MessageReader(parameters, data, MessageKind.CrsCommitment);
        reader.EnsureNamedParty("a commitment names its party");
        var hash = reader.ReadBytes(Length, "hash");
        reader.EnsureEnd();
        return new CrsCommitment(reader.Epoch, reader.Party, hash);
    }
}
