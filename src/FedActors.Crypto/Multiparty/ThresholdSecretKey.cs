using FedActors.Crypto.Ring;
using FedActors.Crypto.Rlwe;

namespace FedActors.Crypto.Multiparty;

/// <summary>
/// Party j's threshold key: Σ_i P_i(x_j), the evaluation at its point of the sum of every dealer's Shamir polynomial,
/// i.e. a degree-(t−1) Shamir share of the collective secret s = Σ s_i (NTT domain over Q). With any t − 1 others of the
/// <see cref="Committee"/> it decrypts (<see cref="Combiner"/>). Secret: disposing erases it.
/// </summary>
public sealed class ThresholdSecretKey : IDisposable
{
    private readonly RnsPolynomial _value;
    private readonly int[] _committee;
    private bool _disposed;

    internal ThresholdSecretKey(RlweParameters parameters, ulong epoch, int partyId, int threshold, int[] committee, RnsPolynomial value)
    {
        Parameters = parameters;
        Epoch = epoch;
        PartyId = partyId;
        Threshold = threshold;
        _committee = committee;
        _value = value;
    }

    /// <summary>The parameters.</summary>
    public RlweParameters Parameters { get; }

    /// <summary>The key epoch.</summary>
    public ulong Epoch { get; }

    /// <summary>The owner j (its public point is x_j = j).</summary>
    public int PartyId { get; }

    /// <summary>The threshold t.</summary>
    public int Threshold { get; }

    /// <summary>Every dealer of the epoch (the committee), in increasing order; active sets are drawn from it.</summary>
    public IReadOnlyList<int> Committee => _committee;

    internal RnsPolynomial Value
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _value;
        }
    }

    /// <summary>Returns the binary form (header, threshold u32, committee, the polynomial). Secret: store it encrypted.</summary>
    public byte[] ToBytes()
    {
        var writer = new MessageWriter(Parameters, MessageKind.ThresholdSecretKey, Epoch, PartyId);
        writer.WriteUInt32((uint)Threshold);
        writer.WriteParties(_committee);
        writer.WritePolynomial(Value, Parameters.RingQ);
        return writer.ToArray();
    }

    /// <summary>Reads and validates the binary form.</summary>
    /// <exception cref="CryptoFormatException">The bytes are malformed, inconsistent or belong to other parameters.</exception>
    public static ThresholdSecretKey FromBytes(RlweParameters parameters, ReadOnlySpan<byte> data)
    {
        var reader = new MessageReader(parameters, data, MessageKind.ThresholdSecretKey);
        reader.EnsureNamedParty("a threshold key names its owner");
        var threshold = reader.ReadParty("threshold");
        var committee = reader.ReadParties("committee");
        if (threshold > committee.Length || Array.BinarySearch(committee, reader.Party) < 0)
        {
            throw new CryptoFormatException("committee", $"must contain the owner {reader.Party} and at least t = {threshold} parties.");
        }
        var value = reader.ReadPolynomial(parameters.RingQ, parameters.RingQ.MaxLevel + 1, "value");
        reader.EnsureEnd();
        return new ThresholdSecretKey(parameters, reader.Epoch, reader.Party, threshold, committee, value);
    }

    /// <summary>Erases the key.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _value.Clear();
            _disposed = true;
        }
    }

    /// <summary>Names the owner, epoch and threshold only.</summary>
    public override string ToString() => $"ThresholdSecretKey(epoch {Epoch}, party {PartyId}, t = {Threshold} of {_committee.Length}, material redacted)";
}
