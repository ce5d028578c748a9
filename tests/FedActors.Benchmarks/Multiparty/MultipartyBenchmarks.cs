using BenchmarkDotNet.Attributes;
using FedActors.Crypto.Multiparty;
using FedActors.Crypto.Ring;
using FedActors.Crypto.Rlwe;

namespace FedActors.Benchmarks.Multiparty;

/// <summary>
/// The threshold layer at the aggregation-default parameters (N = 4096, Q = 42+42 bits, P = 25 bits, Δ = 2^52) for
/// n ∈ {10, 100} parties and t ∈ {n/2, n}, single thread: public-key share generation, aggregation of n shares,
/// thresholdization per party (Shamir polynomial and n evaluations; summing the n received shares), one party's
/// decryption shares for a 1,000,000-value vector (245 ciphertexts) and the combination of t such shares. The whole
/// threshold decryption by a 10-member committee is <see cref="ThresholdDecryptionBenchmarks"/>. The vector's
/// ciphertexts carry the noise estimate of a sum of 1,000 fresh encryptions (<see cref="AggregateVector"/>), so
/// flooding has the width it has in a real round (σ_flood ≈ 2^34).
/// The decryption benchmarks use a committee with threshold 1 so that any active set of t members is valid without
/// dealing degree-(t−1) polynomials to 100 parties in setup; a share and a combination cost the same for any threshold.
/// Message sizes are printed by <see cref="Setup"/>.
/// </summary>
[MemoryDiagnoser]
public class MultipartyBenchmarks
{
    private const int VectorLength = 1_000_000;
    private const int Contributions = 1000;

    private RlweParameters _parameters = null!;
    private PublicKeyGenProtocol _keygen = null!;
    private Thresholdizer _thresholdizer = null!;
    private DecryptionShareProtocol _decryption = null!;
    private SecretKey[] _secrets = null!;
    private RnsPolynomial _crp = null!;
    private PublicKeyShare[] _publicKeyShares = null!;
    private ThresholdShare[] _received = null!;
    private AdditiveSecretKey[] _active = null!;
    private Ciphertext[] _vector = null!;
    private DecryptionShare[] _oneCiphertextShares = null!;

    /// <summary>"n/t": the committee size and the threshold.</summary>
    [Params("10/5", "10/10", "100/50", "100/100")]
    public string Committee { get; set; } = "10/5";

    private int N => int.Parse(Committee.Split('/')[0], System.Globalization.CultureInfo.InvariantCulture);

    private int T => int.Parse(Committee.Split('/')[1], System.Globalization.CultureInfo.InvariantCulture);

    [GlobalSetup]
    public void Setup()
    {
        _parameters = RlweParameters.Create(12, [42, 42], [25]);
        _keygen = new PublicKeyGenProtocol(_parameters);
        _thresholdizer = new Thresholdizer(_parameters);
        _decryption = new DecryptionShareProtocol(_parameters, FloodingSettings.Default);
        _crp = _keygen.SampleCrp(new byte[32], 1);
        _secrets = Enumerable.Range(0, N).Select(_ => _keygen.GenSecretKey()).ToArray();
        _publicKeyShares = _secrets.Select((s, k) => _keygen.GenShare(s, _crp, 1, k + 1)).ToArray();
        var aggregate = _keygen.AllocateShare(1);
        foreach (var share in _publicKeyShares)
        {
            _keygen.AggregateShares(share, aggregate);
        }
        var publicKey = _keygen.GenPublicKey(aggregate, _crp);
        var parties = Enumerable.Range(1, N).ToArray();
        _received = _secrets.Select((s, k) =>
        {
            using var polynomial = _thresholdizer.GenShamirPolynomial(T, s, 1, k + 1);
            return _thresholdizer.GenShare(polynomial, 1);
        }).ToArray();

        // Threshold-1 keys for the first t parties (a degree-0 sharing: each key is s itself), see the class comment.
        var constants = _secrets.Select((s, k) => _thresholdizer.GenShamirPolynomial(1, s, 1, k + 1)).ToArray();
        var activeSet = parties.Take(T).ToArray();
        var combiner = new Combiner(_parameters);
        _active = activeSet.Select(j =>
        {
            using var key = _thresholdizer.AggregateShares(j, parties, constants.Select(p => _thresholdizer.GenShare(p, j)));
            return combiner.GenAdditiveShare(key, activeSet);
        }).ToArray();

        _vector = AggregateVector.Encrypt(_parameters, publicKey, VectorLength, Contributions);
        _oneCiphertextShares = _active.Select(key => _decryption.GenShare(key, _vector[0], _vector[0].Noise, NewRecord())).ToArray();

        using var contribution = CrsContribution.Create(_parameters, 1, 1);
        using var tsk = _thresholdizer.AggregateShares(1, parties, _received);
        Console.WriteLine($"// bytes: commitment {contribution.Commit().ToBytes(_parameters).Length}, reveal {contribution.Reveal().ToBytes(_parameters).Length}, " +
            $"public-key share {_publicKeyShares[0].ToBytes().Length}, aggregate of {N} {aggregate.ToBytes().Length}, threshold share {_received[0].ToBytes().Length} " +
            $"(sealed {_received[0].ToBytes().Length + FedActors.Crypto.Envelope.SealedBox.Overhead}), threshold key {tsk.ToBytes().Length}, " +
            $"decryption share {_oneCiphertextShares[0].ToBytes().Length} per ciphertext ({_oneCiphertextShares[0].ToBytes().Length * (long)_vector.Length} for 1M values), " +
            $"flooding σ = 2^{Math.Log2(_decryption.FloodingStandardDeviation(_vector[0], _vector[0].Noise)):F1}");
    }

    /// <summary>One party's public-key share −a·s_i + e_i.</summary>
    [Benchmark]
    public PublicKeyShare PublicKeyShareGeneration() => _keygen.GenShare(_secrets[0], _crp, 1, 1);

    /// <summary>Summing the n public-key shares into the collective key's aggregate.</summary>
    [Benchmark]
    public PublicKeyShare AggregateShares()
    {
        var aggregate = _keygen.AllocateShare(1);
        foreach (var share in _publicKeyShares)
        {
            _keygen.AggregateShares(share, aggregate);
        }
        return aggregate;
    }

    /// <summary>One dealer's thresholdization: its Shamir polynomial of degree t − 1 evaluated at the n parties' points.</summary>
    [Benchmark]
    public int ThresholdizeDealPerParty()
    {
        using var polynomial = _thresholdizer.GenShamirPolynomial(T, _secrets[0], 1, 1);
        var total = 0;
        for (var j = 1; j <= N; j++)
        {
            using var share = _thresholdizer.GenShare(polynomial, j);
            total += share.RecipientId;
        }
        return total;
    }

    /// <summary>One recipient's threshold key: the sum of the n shares it received.</summary>
    [Benchmark]
    public int ThresholdizeAggregatePerParty()
    {
        using var key = _thresholdizer.AggregateShares(1, Enumerable.Range(1, N), _received);
        return key.Threshold;
    }

    /// <summary>One key holder's flooded decryption shares for the 1,000,000-value vector (245 ciphertexts).</summary>
    [Benchmark]
    public int DecryptionShare1M()
    {
        var record = NewRecord();
        var total = 0;
        foreach (var ciphertext in _vector)
        {
            total += _decryption.GenShare(_active[0], ciphertext, ciphertext.Noise, record).Level;
        }
        return total;
    }

    /// <summary>Combining t shares with c0 for the 1,000,000-value vector (245 ciphertexts' worth of additions and digests).</summary>
    [Benchmark]
    public int Combine1M()
    {
        var total = 0;
        for (var k = 0; k < _vector.Length; k++)
        {
            total += _decryption.Combine(_vector[0], _oneCiphertextShares).Level;
        }
        return total;
    }

    private static DecryptionRecord NewRecord() => new(1, FloodingSettings.Default);
}
