using FedActors.Crypto.Ring;
using FedActors.Crypto.Rlwe;

namespace FedActors.Crypto.Multiparty;

/// <summary>
/// The evaluation P_i(x_j) of dealer i's Shamir polynomial at recipient j's public point x_j = j (NTT domain over Q).
/// Secret: it travels only sealed to the recipient (<see cref="ThresholdShareEnvelope"/>), and disposing erases it.
/// </summary>
public sealed class ThresholdShare : IDisposable
{
    private readonly RnsPolynomial _value;
    private bool _disposed;

    internal ThresholdShare(RlweParameters parameters, ulong epoch, int dealerId, int recipientId, int threshold, RnsPolynomial value)
    {
        Parameters = parameters;
        Epoch = epoch;
        DealerId = dealerId;
        RecipientId = recipientId;
        Threshold = threshold;
        _value = value;
    }

    /// <summary>The parameters.</summary>
    public RlweParameters Parameters { get; }

    /// <summary>The key epoch.</summary>
    public ulong Epoch { get; }

    /// <summary>The dealer whose secret this is a share of.</summary>
    public int DealerId { get; }

    /// <summary>The recipient, whose public point the polynomial was evaluated at.</summary>
    public int RecipientId { get; }

    /// <summary>The threshold t of the dealer's polynomial.</summary>
    public int Threshold { get; }

    internal RnsPolynomial Value
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _value;
        }
    }

    /// <summary>Returns the binary form (header with the dealer, recipient u32, threshold u32, the polynomial). Secret: seal it.</summary>
    public byte[] ToBytes()
    {
        var writer = new MessageWriter(Parameters, MessageKind.ThresholdShare, Epoch, DealerId);
        writer.WriteUInt32((uint)RecipientId);
        writer.WriteUInt32((uint)Threshold);
        writer.WritePolynomial(Value, Parameters.RingQ);
        return writer.ToArray();
    }

    /// <summary>Reads and validates the binary form.</summary>
    /// <exception cref="CryptoFormatException">The bytes are malformed or belong to other parameters.</exception>
    public static ThresholdShare FromBytes(RlweParameters parameters, ReadOnlySpan<byte> data)
    {
        var reader = new MessageReader(parameters, data, MessageKind.ThresholdShare);
        reader.EnsureNamedParty("a threshold share names its dealer");
        var recipient = reader.ReadParty("recipient");
        var threshold = reader.ReadParty("threshold");
        var value = reader.ReadPolynomial(parameters.RingQ, parameters.RingQ.MaxLevel + 1, "value");
        reader.EnsureEnd();
        return new ThresholdShare(parameters, reader.Epoch, reader.Party, recipient, threshold, value);
    }

    /// <summary>Erases the share.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _value.Clear();
            _disposed = true;
        }
    }

    /// <summary>Names the dealer, recipient and epoch only.</summary>
    public override string ToString() => $"ThresholdShare(epoch {Epoch}, dealer {DealerId} → recipient {RecipientId}, t = {Threshold}, material redacted)";
}
