using FedActors.Crypto.Ring;
using FedActors.Crypto.Rlwe;

namespace FedActors.Crypto.Multiparty;

/// <summary>
/// One key holder's decryption share h_j = c1·s'_j + e_j (coefficient domain over Q at the ciphertext's level), where s'_j
/// is its additive key for <see cref="ActiveSet"/> and e_j the flooding noise of variance <see cref="FloodingVariance"/>.
/// It names the ciphertext (by <see cref="CiphertextDigest"/>) and the active set, so shares of different ciphertexts or
/// sets are never combined. Public in the sense that it reveals nothing beyond the plaintext, once flooded.
/// </summary>
public sealed class DecryptionShare
{
    private readonly byte[] _digest;
    private readonly int[] _activeSet;

    internal DecryptionShare(RlweParameters parameters, ulong epoch, int partyId, byte[] digest, int[] activeSet, double floodingVariance, RnsPolynomial value)
    {
        Parameters = parameters;
        Epoch = epoch;
        PartyId = partyId;
        _digest = digest;
        _activeSet = activeSet;
        FloodingVariance = floodingVariance;
        Value = value;
    }

    /// <summary>The parameters.</summary>
    public RlweParameters Parameters { get; }

    /// <summary>The key epoch.</summary>
    public ulong Epoch { get; }

    /// <summary>The key holder.</summary>
    public int PartyId { get; }

    /// <summary>The digest of the ciphertext's c1.</summary>
    public ReadOnlySpan<byte> CiphertextDigest => _digest;

    /// <summary>The active set the share was made for, in increasing order.</summary>
    public IReadOnlyList<int> ActiveSet => _activeSet;

    /// <summary>The level of the ciphertext (the share has level + 1 limbs).</summary>
    public int Level => Value.Level;

    /// <summary>The variance of the flooding noise in the share (σ_flood²).</summary>
    public double FloodingVariance { get; }

    /// <summary>h_j (coefficient domain).</summary>
    public RnsPolynomial Value { get; }

    /// <summary>Returns the binary form: header, digest (32), active set, level, flooding variance, the polynomial.</summary>
    public byte[] ToBytes()
    {
        var length = MessageWriter.HeaderLength + _digest.Length + 4 + (4 * _activeSet.Length) + 1 + 8 + RlweBinaryWriter.PackedLength(Parameters.RingQ, Value.LimbCount);
        var writer = new MessageWriter(Parameters, MessageKind.DecryptionShare, Epoch, PartyId, length);
        writer.WriteBytes(_digest);
        writer.WriteParties(_activeSet);
        writer.WriteByte((byte)Level);
        writer.WriteDouble(FloodingVariance);
        writer.WritePolynomial(Value, Parameters.RingQ);
        return writer.ToArray();
    }

    /// <summary>Reads and validates the binary form.</summary>
    /// <exception cref="CryptoFormatException">The bytes are malformed, inconsistent or belong to other parameters.</exception>
    public static DecryptionShare FromBytes(RlweParameters parameters, ReadOnlySpan<byte> data) =>
        Read(parameters, new MessageReader(parameters, data, MessageKind.DecryptionShare));

    /// <summary>
    /// Loads a share from bytes that do not change while they are read (e.g. an immutable <c>ByteString</c>'s memory)
    /// without copying them first; otherwise as <see cref="FromBytes(RlweParameters, ReadOnlySpan{byte})"/>.
    /// </summary>
    /// <exception cref="CryptoFormatException">The bytes are malformed or belong to other parameters.</exception>
    public static DecryptionShare FromBytes(RlweParameters parameters, ReadOnlyMemory<byte> data) =>
        Read(parameters, new MessageReader(parameters, data, MessageKind.DecryptionShare));

    private static DecryptionShare Read(RlweParameters parameters, MessageReader reader)
    {
        reader.EnsureNamedParty("a decryption share names its key holder");
        var digest = reader.ReadBytes(Multiparty.CiphertextDigest.Length, "digest");
        var active = reader.ReadActiveSet();
        var level = reader.ReadLevel("level", parameters.MaxLevel);
        var variance = reader.ReadDouble("floodingVariance", 0, double.MaxValue);
        var value = reader.ReadPolynomial(parameters.RingQ, level + 1, "value");
        reader.EnsureEnd();
        return new DecryptionShare(parameters, reader.Epoch, reader.Party, digest, active, variance, value);
    }
}
