using System.Buffers.Binary;
using System.Security.Cryptography;
using FedActors.Federation.Protocol;
using Google.Protobuf;
using FedActors.Learning.Data;
using FedActors.Learning.Models;
using FedActors.Learning.Partitions;
using FedActors.Learning.Training;

namespace FedActors.Federation.Simulation;

/// <summary>
/// What the clients of one simulated node share: the data, its partition, the model architecture,
/// the trainer pool and one copy of the global model. The global model is an immutable snapshot
/// replaced as a whole by <see cref="Publish"/>, so clients read it without locks and memory does
/// not grow with clients × model size.
/// </summary>
public sealed class SimulationNode
{
    private readonly Lock _advance = new();
    private readonly Lock _decrypt = new();
    private readonly Lock _verify = new();
    private volatile GlobalModel _global;
    private byte[]? _decryptedDigest;
    private AggregateResult? _decryptedResult;
    private long _decryptedEpoch;
    private double[]? _decryptedSum;
    private byte[]? _verifiedDigest;
    private long _verifications;

    /// <summary>Creates a node holding <paramref name="initial"/> as its global model.</summary>
    public SimulationNode(DataSplit data, Partition partition, ModelSpec spec, TrainerPool pool, TrainingOptions training, float[] initial)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(partition);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(initial);
        Data = data;
        Partition = partition;
        Spec = spec;
        Pool = pool;
        Training = training;
        _global = new GlobalModel(initial, ModelHash.Compute(initial));
    }

    /// <summary>Training and oracle test data.</summary>
    public DataSplit Data { get; }

    /// <summary>Which training samples each client holds.</summary>
    public Partition Partition { get; }

    /// <summary>The model architecture.</summary>
    public ModelSpec Spec { get; }

    /// <summary>The bounded pool every client's training and the oracle evaluation run on.</summary>
    public TrainerPool Pool { get; }

    /// <summary>Local training options of honest clients.</summary>
    public TrainingOptions Training { get; }

    /// <summary>The node's current global model.</summary>
    public GlobalModel Global => _global;

    /// <summary>Replaces the node's global model; <paramref name="parameters"/> must not be modified afterwards.</summary>
    public GlobalModel Publish(float[] parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var model = new GlobalModel(parameters, ModelHash.Compute(parameters));
        _global = model;
        return model;
    }

    /// <summary>
    /// Moves the node from <paramref name="from"/> to <paramref name="parameters"/> if it still holds
    /// <paramref name="from"/>, and returns the node's model afterwards: the first client of a node to decrypt a secure
    /// round applies it, the others find it applied and compare hashes.
    /// </summary>
    public GlobalModel Advance(GlobalModel from, float[] parameters)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(parameters);
        var model = new GlobalModel(parameters, ModelHash.Compute(parameters));
        lock (_advance)
        {
            if (ReferenceEquals(_global, from))
            {
                _global = model;
            }
            return _global;
        }
    }

    /// <summary>
    /// Returns the decrypted sum of a secure round's <paramref name="result"/>: the first client of the node to ask runs
    /// <paramref name="decrypt"/> (opening the sealed shares and combining them), and the node's other clients, which
    /// receive the byte-identical aggregate and shares under the same <paramref name="epoch"/>, get the same sum
    /// without repeating the work. Inputs that differ in any byte of the round, ciphertexts or sealed shares are
    /// decrypted afresh; a failed decryption is not remembered. The returned array must not be modified.
    /// In process the Coordinator tells one message object to every contributor and no handler modifies a delivered
    /// message, so a client holding the very object that was decrypted (same epoch) gets the sum without hashing the
    /// ≈ 250 MB of ciphertexts and sealed shares again; any other object (a serialized copy, a different result) is
    /// compared by digest.
    /// </summary>
    public double[] DecryptOnce(AggregateResult result, long epoch, Func<double[]> decrypt)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(decrypt);
        lock (_decrypt)
        {
            if (_decryptedSum is not null && ReferenceEquals(_decryptedResult, result) && _decryptedEpoch == epoch)
            {
                return _decryptedSum;
            }
        }
        var digest = AggregateDigest(result, epoch);
        lock (_decrypt)
        {
            if (_decryptedSum is not null && _decryptedDigest is not null && CryptographicOperations.FixedTimeEquals(_decryptedDigest, digest))
            {
                return _decryptedSum;
            }
            var sum = decrypt();
            _decryptedDigest = digest;
            _decryptedResult = result;
            _decryptedEpoch = epoch;
            _decryptedSum = sum;
            return sum;
        }
    }

    /// <summary>
    /// Runs <paramref name="verify"/> once for the key holders of this node that check the same statement: the first
    /// holder to ask for <paramref name="digest"/> runs it, and while it runs the others wait; once it succeeded, holders
    /// asking with a byte-identical digest get true without repeating it. Only success is remembered: a check that
    /// returns false or throws is run again by the next holder (and each holder refuses on its own result). A different
    /// digest is verified afresh and replaces the remembered one.
    /// </summary>
    /// <param name="digest">What the check is about; equal digests must denote the same statement (KeyHolder hashes it).</param>
    /// <param name="verify">The check; true when the statement holds.</param>
    /// <returns>True when the statement was verified, by this call or by an earlier one on this node.</returns>
    public bool VerifyOnce(byte[] digest, Func<bool> verify)
    {
        ArgumentNullException.ThrowIfNull(digest);
        ArgumentNullException.ThrowIfNull(verify);
        lock (_verify)
        {
            if (_verifiedDigest is not null && CryptographicOperations.FixedTimeEquals(_verifiedDigest, digest))
            {
                return true;
            }
            _verifications++;
            if (!verify())
            {
                return false;
            }
            _verifiedDigest = [.. digest];
            return true;
        }
    }

    /// <summary>How many times <see cref="VerifyOnce"/> ran a check rather than reusing a remembered success.</summary>
    public long Verifications
    {
        get
        {
            lock (_verify)
            {
                return _verifications;
            }
        }
    }

    private static byte[] AggregateDigest(AggregateResult result, long epoch)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var number = new byte[8];
        // Every field is length-prefixed so that no two different results hash the same byte stream.
        void Add(ReadOnlySpan<byte> bytes)
        {
            BinaryPrimitives.WriteInt64LittleEndian(number, bytes.Length);
            hash.AppendData(number);
            hash.AppendData(bytes);
        }
        Add(BitConverter.GetBytes(epoch));
        Add((result.Round ?? new RoundId()).ToByteArray());
        foreach (var ciphertext in result.AggregateCiphertexts)
        {
            Add(ciphertext.Span);
        }
        foreach (var share in result.Shares)
        {
            Add(BitConverter.GetBytes(share.PartyId));
            Add(share.SealedShare.Span);
        }
        return hash.GetHashAndReset();
    }
}
