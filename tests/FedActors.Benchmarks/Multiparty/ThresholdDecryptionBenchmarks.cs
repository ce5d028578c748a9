using BenchmarkDotNet.Attributes;
using FedActors.Crypto.Multiparty;
using FedActors.Crypto.Rlwe;

namespace FedActors.Benchmarks.Multiparty;

/// <summary>
/// The whole threshold decryption of a 1,000,000-value vector (245 ciphertexts at the aggregation-default parameters,
/// N = 4096) by a fixed committee of 10 key holders with threshold 10, single thread: each member's flooded decryption
/// share of every ciphertext and their combination. The keys come from the real thresholdization (degree-9 Shamir
/// polynomials dealt among the 10 members); the ciphertexts carry the noise of a sum of 1,000 fresh encryptions.
/// </summary>
[MemoryDiagnoser]
public class ThresholdDecryptionBenchmarks
{
    private const int Members = 10;
    private const int VectorLength = 1_000_000;
    private const int Contributions = 1000;

    private DecryptionShareProtocol _decryption = null!;
    private AdditiveSecretKey[] _active = null!;
    private Ciphertext[] _vector = null!;

    [GlobalSetup]
    public void Setup()
    {
        var parameters = RlweParameters.Create(12, [42, 42], [25]);
        var keygen = new PublicKeyGenProtocol(parameters);
        var thresholdizer = new Thresholdizer(parameters);
        _decryption = new DecryptionShareProtocol(parameters, FloodingSettings.Default);
        var crp = keygen.SampleCrp(new byte[32], 1);
        var secrets = Enumerable.Range(0, Members).Select(_ => keygen.GenSecretKey()).ToArray();
        var aggregate = keygen.AllocateShare(1);
        for (var k = 0; k < Members; k++)
        {
            keygen.AggregateShares(keygen.GenShare(secrets[k], crp, 1, k + 1), aggregate);
        }
        var publicKey = keygen.GenPublicKey(aggregate, crp);

        var committee = Enumerable.Range(1, Members).ToArray();
        var polynomials = secrets.Select((s, k) => thresholdizer.GenShamirPolynomial(Members, s, 1, k + 1)).ToArray();
        var combiner = new Combiner(parameters);
        _active = committee.Select(j =>
        {
            using var key = thresholdizer.AggregateShares(j, committee, polynomials.Select(p => thresholdizer.GenShare(p, j)));
            return combiner.GenAdditiveShare(key, committee);
        }).ToArray();
        foreach (var polynomial in polynomials)
        {
            polynomial.Dispose();
        }
        _vector = AggregateVector.Encrypt(parameters, publicKey, VectorLength, Contributions);
    }

    /// <summary>All 10 members' decryption shares of the vector and their combination (CRYPTO.md target: under 1 s single-threaded).</summary>
    [Benchmark]
    public int Decrypt1MByTen()
    {
        var records = _active.Select(_ => new DecryptionRecord(1, FloodingSettings.Default)).ToArray();
        var total = 0;
        var shares = new DecryptionShare[_active.Length];
        foreach (var ciphertext in _vector)
        {
            for (var p = 0; p < _active.Length; p++)
            {
                shares[p] = _decryption.GenShare(_active[p], ciphertext, ciphertext.Noise, records[p]);
            }
            total += _decryption.Combine(ciphertext, shares).Level;
        }
        return total;
    }
}
