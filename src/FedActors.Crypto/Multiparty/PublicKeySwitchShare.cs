using FedActors.Crypto.Ring;
using FedActors.Crypto.Rlwe;

namespace FedActors.Crypto.Multiparty;

/// <summary>
/// One key holder's re-encryption share (h0, h1) = (s'_j·c1 + u_j·p0' + e0_j, u_j·p1' + e1_j) towards a target public key
/// (p0', p1'), coefficient domain over Q at the ciphertext's level; e0_j is flooding noise. It names the ciphertext, the
/// target key (both by digest) and the active set.
/// </summary>
public sealed class PublicKeySwitchShare
{
    private readonly byte[] _digest;
    private readonly byte[] _targetDigest;
    private readonly int[] _activeSet;

    internal PublicKeySwitchShare(RlweParameters parameters, ulong epoch, int partyId, byte[] digest, byte[] targetDigest, int[] activeSet,
        double floodingVariance, RnsPolynomial h0, RnsPolynomial h1)
    {
        Parameters = parameters;
        Epoch = epoch;
        PartyId = partyId;
        _digest = digest;
        _targetDigest = targetDigest;
        _activeSet = activeSet;
        FloodingVariance = floodingVariance;
        H0 = h0;
        H1 = h1;
    }

    /// <summary>The parameters.</summary>
    public RlweParameters Parameters { get; }

    /// <summary>The key epoch.</summary>
    public ulong Epoch { get; }

    /// <summary>The key holder.</summary>
    public int PartyId { get; }

    /// <summary>The digest of the ciphertext's c1.</summary>
    public ReadOnlySpan<byte> CiphertextDigest => _digest;

    /// <summary>The digest of the target public key (<see cref="PublicKeySwitchProtocol.TargetDigest"/>).</summary>
    public ReadOnlySpan<byte> TargetDigest => _targetDigest;

    /// <summary>The active set the share was made for, in increasing order.</summary>
    public IReadOnlyList<int> ActiveSet => _activeSet;

    /// <summary>The ciphertext's level.</summary>
    public int Level => H0.Level;

    /// <summary>The variance of the flooding noise in h0.</summary>
    public double FloodingVariance { get; }

    /// <summary>h0 (coefficient domain).</summary>
    public RnsPolynomial H0 { get; }

    /// <summary>h1 (coefficient domain).</summary>
    public RnsPolynomial H1 { get; }

    /// <summary>Returns the binary form: header, digest (32), target digest (32), active set, level, flooding variance, h0, h1.</summary>
    public byte[] ToBytes()
    {
        var writer = new MessageWriter(Parameters, MessageKind.PublicKeySwitchShare, Epoch, PartyId);
        writer.WriteBytes(_digest);
        writer.WriteBytes(_targetDigest);
        writer.WriteParties(_activeSet);
        writer.WriteByte((byte)Level);
        writer.WriteDouble(FloodingVariance);
        writer.WritePolynomial(H0, Parameters.RingQ);
        writer.WritePolynomial(H1, Parameters.RingQ);
        return writer.ToArray();
    }

    /// <summary>Reads and validates the binary form.</summary>
    /// <exception cref="CryptoFormatException">The bytes are malformed, inconsistent or belong to other parameters.</exception>
    public static PublicKeySwitchShare FromBytes(RlweParameters parameters, ReadOnlySpan<byte> data)
    {
        var reader = new MessageReader(parameters, data, MessageKind.PublicKeySwitchShare);
        reader.EnsureNamedParty("a re-encryption share names its key holder");
        var digest = reader.ReadBytes(Multiparty.CiphertextDigest.Length, "digest");
        var target = reader.ReadBytes(Multiparty.CiphertextDigest.Length, "targetDigest");
        var active = reader.ReadActiveSet();
        var level = reader.ReadLevel("level", parameters.MaxLevel);
        var variance = reader.ReadDouble("floodingVariance", 0, double.MaxValue);
        var h0 = reader.ReadPolynomial(parameters.RingQ, level + 1, "h0");
        var h1 = reader.ReadPolynomial(parameters.RingQ, level + 1, "h1");
        reader.EnsureEnd();
        return new PublicKeySwitchShare(parameters, reader.Epoch, reader.Party, digest, target, active, variance, h0, h1);
    }
}
