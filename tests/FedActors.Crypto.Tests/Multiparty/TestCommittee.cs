using System.Numerics;
using FedActors.Crypto.Ckks;
using FedActors.Crypto.Multiparty;
using FedActors.Crypto.Ring;
using FedActors.Crypto.Rlwe;

namespace FedActors.Crypto.Tests.Multiparty;

/// <summary>
/// Runs a whole key ceremony (CRS commit-reveal, collective public key, thresholdization) for tests, from a seeded
/// source so failures replay. Threshold keys are made only for the requested recipients: dealing to everyone costs
/// n²·t polynomial operations, which the large-n tests do not need.
/// </summary>
internal sealed class TestCommittee : IDisposable
{
    private readonly SeededRandomSource _random;

    private TestCommittee(RlweParameters parameters, ulong epoch, int[] parties, int threshold, SeededRandomSource random)
    {
        Parameters = parameters;
        Epoch = epoch;
        Parties = parties;
        Threshold = threshold;
        _random = random;
    }

    public RlweParameters Parameters { get; }

    public ulong Epoch { get; }

    public int[] Parties { get; }

    public int Threshold { get; }

    public IRandomSource Random => _random;

    public List<SecretKey> Secrets { get; } = [];

    public PublicKey PublicKey { get; private set; } = null!;

    public Dictionary<int, ThresholdSecretKey> ThresholdKeys { get; } = [];

    public Dictionary<int, DecryptionRecord> Records { get; } = [];

    public static TestCommittee Create(RlweParameters parameters, int n, int threshold, IEnumerable<int>? recipients = null, ulong epoch = 1, string label = "committee")
    {
        var random = SeededRandomSource.FromLabel(label, n * 1000 + threshold);
        var parties = Enumerable.Range(1, n).ToArray();
        var committee = new TestCommittee(parameters, epoch, parties, threshold, random);
        var seed = RunCrs(parameters, epoch, parties, random);
        var protocol = new PublicKeyGenProtocol(parameters, random);
        var crp = protocol.SampleCrp(seed, epoch);
        var aggregate = protocol.AllocateShare(epoch);
        foreach (var party in parties)
        {
            var secret = protocol.GenSecretKey();
            committee.Secrets.Add(secret);
            protocol.AggregateShares(protocol.GenShare(secret, crp, epoch, party), aggregate);
        }
        committee.PublicKey = protocol.GenPublicKey(aggregate, crp);
        var targets = (recipients ?? parties).ToArray();
        if (targets.Length > 0)
        {
            var thresholdizer = new Thresholdizer(parameters, random);
            var received = targets.ToDictionary(r => r, _ => new List<ThresholdShare>());
            for (var k = 0; k < parties.Length; k++)
            {
                using var polynomial = thresholdizer.GenShamirPolynomial(threshold, committee.Secrets[k], epoch, parties[k]);
                foreach (var r in targets)
                {
                    received[r].Add(thresholdizer.GenShare(polynomial, r));
                }
            }
            foreach (var r in targets)
            {
                committee.ThresholdKeys[r] = thresholdizer.AggregateShares(r, parties, received[r]);
                received[r].ForEach(s => s.Dispose());
            }
        }
        foreach (var party in parties)
        {
            committee.Records[party] = new DecryptionRecord(epoch, FloodingSettings.Default);
        }
        return committee;
    }

    public static byte[] RunCrs(RlweParameters parameters, ulong epoch, int[] parties, IRandomSource random)
    {
        var ceremony = new CrsCeremony(parameters, epoch, parties);
        var contributions = parties.Select(p => CrsContribution.Create(parameters, epoch, p, random)).ToArray();
        foreach (var c in contributions)
        {
            ceremony.AddCommitment(c.Commit());
        }
        foreach (var c in contributions)
        {
            Assert.True(ceremony.AddReveal(c.Reveal()));
            c.Dispose();
        }
        return ceremony.Complete();
    }

    /// <summary>s = Σ s_i, the collective secret no party holds (tests use it as the reference decryption).</summary>
    public SecretKey CollectiveSecret()
    {
        var ring = Parameters.RingQP;
        var sum = ring.NewPolynomial();
        foreach (var s in Secrets)
        {
            ring.Add(sum, s.Value, sum);
        }
        return new SecretKey(Parameters, sum, Secrets.Count * TernarySampler.Variance);
    }

    public Ciphertext Encrypt(double[] values, double scale) =>
        new Encryptor(Parameters, PublicKey, _random).Encrypt(TestEncoding.Encode(Parameters, values, scale));

    public AdditiveSecretKey[] AdditiveKeys(IReadOnlyList<int> active)
    {
        var combiner = new Combiner(Parameters);
        return active.Select(p => combiner.GenAdditiveShare(ThresholdKeys[p], active)).ToArray();
    }

    public List<DecryptionShare> Shares(Ciphertext ciphertext, IReadOnlyList<int> active, FloodingSettings flooding)
    {
        var protocol = new DecryptionShareProtocol(Parameters, flooding, _random);
        var shares = new List<DecryptionShare>();
        foreach (var key in AdditiveKeys(active))
        {
            shares.Add(protocol.GenShare(key, ciphertext, ciphertext.Noise, Records[key.PartyId]));
            key.Dispose();
        }
        return shares;
    }

    public Plaintext Decrypt(Ciphertext ciphertext, IReadOnlyList<int> active, FloodingSettings? flooding = null)
    {
        var settings = flooding ?? FloodingSettings.Default;
        return new DecryptionShareProtocol(Parameters, settings).Combine(ciphertext, Shares(ciphertext, active, settings));
    }

    public void Dispose()
    {
        Secrets.ForEach(s => s.Dispose());
        foreach (var key in ThresholdKeys.Values)
        {
            key.Dispose();
        }
        _random.Dispose();
    }
}

/// <summary>Encoding helpers for the tests (the Multiparty layer itself never sees Ckks).</summary>
internal static class TestEncoding
{
    public static Plaintext Encode(RlweParameters parameters, double[] values, double scale) =>
        new CoefficientEncoder(parameters).Encode(values, scale);

    public static double[] Decode(RlweParameters parameters, Plaintext plaintext) => new CoefficientEncoder(parameters).Decode(plaintext);

    public static double[] Random(Random random, int n, double magnitude) =>
        Enumerable.Range(0, n).Select(_ => (random.NextDouble() * 2 - 1) * magnitude).ToArray();

    public static double MaxError(double[] a, double[] b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Max();

    /// <summary>The centered integers of a polynomial (for tests of uniformity and key recovery).</summary>
    public static BigInteger[] Centered(RlweParameters parameters, RnsPolynomial p) => parameters.RingQ.Compose(p, centered: true);
}
