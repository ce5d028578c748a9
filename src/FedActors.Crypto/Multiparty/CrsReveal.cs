using FedActors.Crypto.Rlwe;

namespace FedActors.Crypto.Multiparty;

/// <summary>A party's revealed CRS contribution (public once revealed: it only fixes the common randomness).</summary>
public sealed class CrsReveal
{
    private readonly byte[] _value;

    /// <summary>Wraps a revealed contribution.</summary>
    /// <exception cref="ArgumentException">The value is not 32 bytes or the party id is not positive.</exception>
    public CrsReveal(ulong epoch, int partyId, ReadOnlySpan<byte> value)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(partyId);
        if (value.Length != CrsContribution.Length)
        {
            throw new ArgumentException($"A contribution is {CrsContribution.Length} bytes, got {value.Length}.", nameof(value));
        }
        Epoch = epoch;
        PartyId = partyId;
        _value = value.ToArray();
    }

    /// <summary>The epoch.</summary>
    public ulong Epoch { get; }

    /// <summary>The revealing party.</summary>
    public int PartyId { get; }

    /// <summary>The revealed 32 bytes.</summary>
    public ReadOnlySpan<byte> Value => _value;

    /// <summary>Returns the binary form (Multiparty header, then the 32-byte value).</summary>
    public byte[] ToBytes(RlweParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var writer = new MessageWriter(parameters, MessageKind.CrsReveal, Epoch, PartyId);
        writer.WriteBytes(_value);
        return writer.ToArray();
    }

    /// <summary>Reads and validates the binary form.</summary>
    /// <exception cref="CryptoFormatException">The bytes are malformed or belong to other parameters.</exception>
    public static CrsReveal FromBytes(RlweParameters parameters, ReadOnlySpan<byte> data)
    {
        var reader = new MessageReader(parameters, data, MessageKind.CrsReveal);
        reader.EnsureNamedParty("a reveal names its party");
        var value = reader.ReadBytes(CrsContribution.Length, "value");
        reader.EnsureEnd();
        return new CrsReveal(reader.Epoch, reader.Party, value);
    }
}
