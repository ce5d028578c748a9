using FedActors.Crypto.Ring;
using FedActors.Crypto.Rlwe;

namespace FedActors.Crypto.Multiparty;

/// <summary>
/// A share of the collective public key: one party's −a·s_i + e_i (NTT domain over Q·P; <see cref="PartyId"/> &gt; 0), or
/// an aggregate, the sum of the shares of <see cref="Parties"/> (<see cref="PartyId"/> = 0). It is public.
/// </summary>
public sealed class PublicKeyShare
{
    private readonly SortedSet<int> _parties;

    /// <summary>Wraps one party's share (ownership of <paramref name="value"/> passes to it).</summary>
    /// <exception cref="ArgumentException">The polynomial does not span Q·P or the party id is not positive.</exception>
    public PublicKeyShare(RlweParameters parameters, ulong epoch, int partyId, RnsPolynomial value)
        : this(parameters, epoch, partyId, [partyId], value)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(partyId);
    }

    private PublicKeyShare(RlweParameters parameters, ulong epoch, int partyId, IEnumerable<int> parties, RnsPolynomial value)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(value);
        if (value.N != parameters.N || value.LimbCount != parameters.RingQP.MaxLevel + 1)
        {
            throw new ArgumentException($"A public-key share needs N = {parameters.N} and {parameters.RingQP.MaxLevel + 1} limbs (Q·P).", nameof(value));
        }
        Parameters = parameters;
        Epoch = epoch;
        PartyId = partyId;
        _parties = new SortedSet<int>(parties);
        Value = value;
    }

    /// <summary>The parameters.</summary>
    public RlweParameters Parameters { get; }

    /// <summary>The key epoch.</summary>
    public ulong Epoch { get; }

    /// <summary>The party that made the share, or 0 for an aggregate.</summary>
    public int PartyId { get; }

    /// <summary>The parties whose shares are summed in <see cref="Value"/>, in increasing order.</summary>
    public IReadOnlyCollection<int> Parties => _parties;

    /// <summary>−a·s_i + e_i, or a sum of such (NTT domain over Q·P).</summary>
    public RnsPolynomial Value { get; }

    /// <summary>Returns the binary form: header, the contributing parties (u32 count, u32 ids), the bit-packed polynomial.</summary>
    /// <exception cref="InvalidOperationException">The share is an empty aggregate.</exception>
    public byte[] ToBytes()
    {
        if (_parties.Count == 0)
        {
            throw new InvalidOperationException("An empty aggregate has no binary form; aggregate at least one share first.");
        }
        var writer = new MessageWriter(Parameters, MessageKind.PublicKeyShare, Epoch, PartyId);
        writer.WriteParties(_parties.ToArray());
        writer.WritePolynomial(Value, Parameters.RingQP);
        return writer.ToArray();
    }

    /// <summary>Reads and validates the binary form.</summary>
    /// <exception cref="CryptoFormatException">The bytes are malformed or belong to other parameters.</exception>
    public static PublicKeyShare FromBytes(RlweParameters parameters, ReadOnlySpan<byte> data)
    {
        var reader = new MessageReader(parameters, data, MessageKind.PublicKeyShare);
        var parties = reader.ReadParties("parties");
        if (reader.Party != 0 && (parties.Length != 1 || parties[0] != reader.Party))
        {
            throw new CryptoFormatException("parties", $"a share of party {reader.Party} lists exactly that party.");
        }
        var value = reader.ReadPolynomial(parameters.RingQP, parameters.RingQP.MaxLevel + 1, "value");
        reader.EnsureEnd();
        return new PublicKeyShare(parameters, reader.Epoch, reader.Party, parties, value);
    }

    internal static PublicKeyShare EmptyAggregate(RlweParameters parameters, ulong epoch) =>
        new(parameters, epoch, 0, [], parameters.RingQP.NewPolynomial());

    internal bool AddParty(int party) => _parties.Add(party);
}
