using BenchmarkDotNet.Attributes;
using FedActors.Crypto.Ckks;
using FedActors.Crypto.Ring;
using FedActors.Crypto.Rlwe;

namespace FedActors.Benchmarks.Crypto;

/// <summary>
/// The rows of CRYPTO.md's SEAL comparison table for the two SEAL-comparable sets and aggregation-default: forward NTT
/// of one limb, public-key encryption, adding a ciphertext into another, decryption, and encoding plus encryption of
/// 1,000,000 values (single thread, and with every core). Bytes per value are printed by <c>fedactors bench crypto</c>.
/// Run: <c>dotnet run -c Release --project tests/FedActors.Benchmarks -- --filter '*CkksBenchmarks*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class CkksBenchmarks
{
    private CkksParameters _parameters = null!;
    private NttTables _tables = null!;
    private ulong[] _limb = null!;
    private Encryptor _encryptor = null!;
    private Decryptor _decryptor = null!;
    private Evaluator _evaluator = null!;
    private SecretKey _secretKey = null!;
    private Plaintext _plaintext = null!;
    private Ciphertext _ciphertext = null!;
    private Ciphertext _accumulator = null!;
    private Ciphertext _zero = null!;
    private double[] _vector = null!;
    private byte[] _wire = null!;

    /// <summary>The parameter set under test.</summary>
    [Params(CkksParameterSets.Seal8192, CkksParameterSets.Seal16384, CkksParameterSets.AggregationDefault)]
    public string Set { get; set; } = CkksParameterSets.AggregationDefault;

    [GlobalSetup]
    public void Setup()
    {
        _parameters = CkksParameterSets.Get(Set);
        var rlwe = _parameters.Rlwe;
        _tables = rlwe.RingQ.Tables(0);
        _limb = new UniformSampler(SystemRandomSource.Instance).Sample(rlwe.RingQ, 0).Limb(0).ToArray();
        var keys = new KeyGenerator(rlwe);
        _secretKey = keys.GenSecretKey();
        _encryptor = new Encryptor(rlwe, keys.GenPublicKey(_secretKey));
        _decryptor = new Decryptor(rlwe, _secretKey);
        _evaluator = new Evaluator(rlwe);
        var random = new Random(1);
        var values = Enumerable.Range(0, _parameters.ValuesPerCiphertext).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        _plaintext = _parameters.Encoding == PlaintextEncoding.Slots
            ? new SlotEncoder(rlwe).Encode(values, _parameters.Scale)
            : new CoefficientEncoder(rlwe).Encode(values, _parameters.Scale);
        _ciphertext = _encryptor.Encrypt(_plaintext);
        _accumulator = _encryptor.EncryptZero();
        _zero = _encryptor.EncryptZero();
        _wire = RlweSerializer.Serialize(_ciphertext, rlwe);
        _vector = Enumerable.Range(0, CkksBenchmark.VectorLength).Select(_ => random.NextDouble() * 2 - 1).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup() => _secretKey.Dispose();

    /// <summary>A public-key ciphertext to its wire bytes (coefficients bit-packed to their primes' widths).</summary>
    [Benchmark]
    public byte[] SerializeCiphertext() => RlweSerializer.Serialize(_ciphertext, _parameters.Rlwe);

    /// <summary>Wire bytes back to a ciphertext, read in place and validated (every residue below its prime).</summary>
    [Benchmark]
    public Ciphertext DeserializeCiphertext() => RlweSerializer.DeserializeCiphertext(_wire.AsMemory(), _parameters.Rlwe);

    [Benchmark]
    public void NttForwardOneLimb() => _tables.Forward(_limb);

    [Benchmark]
    public Ciphertext EncryptPublicKey() => _encryptor.Encrypt(_plaintext);

    [Benchmark]
    public void AddTwoCiphertexts() => _evaluator.AddInPlace(_accumulator, _zero);

    [Benchmark]
    public Plaintext Decrypt() => _decryptor.Decrypt(_ciphertext);

    [Benchmark]
    public EncryptedVector EncodeEncryptMillionValues() => new CkksVectorEncryptor(_parameters, _encryptor).Encrypt(_vector);

    [Benchmark]
    public EncryptedVector EncodeEncryptMillionValuesAllCores() =>
        new CkksVectorEncryptor(_parameters, _encryptor, Environment.ProcessorCount).Encrypt(_vector);
}
