using FedActors.Configuration;
using FedActors.Crypto.Ckks;
using FedActors.Crypto.Multiparty;
using FedActors.Crypto.Ring;
using FedActors.Crypto.Rlwe;

namespace FedActors.Crypto.Tests.Multiparty;

public sealed class DecryptionShareProtocolTests
{
    private const double Scale = 1L << 40;

    [Fact]
    public void Shares_carry_flooding_of_the_expected_width()
    {
        var parameters = TestRings.Real;
        using var committee = TestCommittee.Create(parameters, 5, 3, label: "flooding");
        var values = TestEncoding.Random(new Random(5), parameters.N, 8);
        var ciphertext = committee.Encrypt(values, Scale);
        int[] active = [1, 3, 5];
        var shares = committee.Shares(ciphertext, active, FloodingSettings.Default);
        var expectedSigma = FloodingSettings.Default.StandardDeviation(ciphertext.Noise);
        Assert.All(shares, s => Assert.Equal(expectedSigma * expectedSigma, s.FloodingVariance, expectedSigma * expectedSigma * 1e-12));
        var flooded = new DecryptionShareProtocol(parameters, FloodingSettings.Default).Combine(ciphertext, shares);
        using var s = committee.CollectiveSecret();
        var noiseless = new Decryptor(parameters, s).Decrypt(ciphertext);
        var a = new double[parameters.N];
        var b = new double[parameters.N];
        parameters.RingQ.ComposeCentered(flooded.Value, 1, a);
        parameters.RingQ.ComposeCentered(noiseless.Value, 1, b);
        var differences = a.Zip(b, (x, y) => x - y).ToArray();
        var mean = differences.Average();
        var sigma = Math.Sqrt(differences.Select(d => (d - mean) * (d - mean)).Average());
        var expected = Math.Sqrt(active.Length) * expectedSigma;
        // The sample standard deviation of 4,096 Gaussians is within 5% of σ with probability 1 − 2^-20 or so.
        Assert.InRange(sigma / expected, 0.95, 1.05);
        Assert.InRange(Math.Abs(mean), 0, 5 * expected / Math.Sqrt(parameters.N));
        Assert.True(expected > 1e8, "flooding is many orders of magnitude above the ciphertext noise");
    }

    [Fact]
    public void Flooding_wider_than_a_prime_is_represented_exactly_across_the_limbs()
    {
        // 28-bit primes: the flooding bound 12σ ≈ 2^29 exceeds each prime, so it lives in the CRT of the limbs.
        var parameters = RlweParameters.InsecureForTests(6, [28, 28], [28]);
        using var committee = TestCommittee.Create(parameters, 3, 2, label: "wide-flooding");
        var ciphertext = committee.Encrypt(new double[parameters.N], 1);
        var flooded = new DecryptionShareProtocol(parameters, FloodingSettings.Default).Combine(ciphertext, committee.Shares(ciphertext, [1, 3], FloodingSettings.Default));
        using var s = committee.CollectiveSecret();
        var noiseless = new Decryptor(parameters, s).Decrypt(ciphertext);
        var sigma = FloodingSettings.Default.StandardDeviation(ciphertext.Noise);
        Assert.True(12 * sigma > parameters.Q.Max());
        var difference = parameters.RingQ.NewPolynomial();
        parameters.RingQ.Sub(flooded.Value, noiseless.Value, difference);
        var centered = TestEncoding.Centered(parameters, difference).Select(x => Math.Abs((double)x)).ToArray();
        Assert.All(centered, x => Assert.InRange(x, 0, 24 * sigma));
        Assert.True(centered.Max() > sigma / 4, "the flooding is there");
    }

    [Fact]
    public void A_ciphertext_that_understates_its_noise_still_gets_the_flooding_the_key_holder_expects()
    {
        var parameters = TestRings.Real;
        using var committee = TestCommittee.Create(parameters, 3, 2, label: "understated");
        var honest = committee.Encrypt(new double[parameters.N], Scale);
        var forged = new Ciphertext(honest.C0, honest.C1, honest.Scale, honest.Encoding, honest.MessageBound, NoiseEstimate.Zero);
        var expected = NoiseEstimator.Sum(NoiseEstimator.FreshPublicKey(committee.PublicKey), 1000);
        using var key = new Combiner(parameters).GenAdditiveShare(committee.ThresholdKeys[1], [1, 2]);
        var share = new DecryptionShareProtocol(parameters, FloodingSettings.Default).GenShare(key, forged, expected, committee.Records[1]);
        var sigma = FloodingSettings.Default.StandardDeviation(expected);
        Assert.Equal(sigma * sigma, share.FloodingVariance, sigma * sigma * 1e-12);
        Assert.True(sigma > 100 * FloodingSettings.Default.StandardDeviation(forged.Noise));
    }

    [Fact]
    public void A_party_refuses_a_second_share_for_the_same_ciphertext_whatever_the_active_set()
    {
        var parameters = TestRings.Real;
        using var committee = TestCommittee.Create(parameters, 5, 3, label: "refuse");
        var ciphertext = committee.Encrypt(TestEncoding.Random(new Random(1), parameters.N, 8), Scale);
        var protocol = new DecryptionShareProtocol(parameters, FloodingSettings.Default);
        var combiner = new Combiner(parameters);
        using var first = combiner.GenAdditiveShare(committee.ThresholdKeys[1], [1, 2, 3]);
        using var second = combiner.GenAdditiveShare(committee.ThresholdKeys[1], [1, 4, 5]);
        protocol.GenShare(first, ciphertext, ciphertext.Noise, committee.Records[1]);
        var again = Assert.Throws<DecryptionRefusedException>(() => protocol.GenShare(second, ciphertext.Clone(), ciphertext.Noise, committee.Records[1]));
        Assert.Equal(RefusalReason.AlreadyShared, again.Reason);
        var restored = new DecryptionRecord(committee.Epoch, FloodingSettings.Default.DecryptionsPerKey, committee.Records[1].Digests());
        Assert.Equal(RefusalReason.AlreadyShared, Assert.Throws<DecryptionRefusedException>(() => protocol.GenShare(first, ciphertext, ciphertext.Noise, restored)).Reason);
        var target = new KeyGenerator(parameters).GenPublicKey(new KeyGenerator(parameters).GenSecretKey());
        var pcks = new PublicKeySwitchProtocol(parameters, FloodingSettings.Default);
        Assert.Equal(RefusalReason.AlreadyShared, Assert.Throws<DecryptionRefusedException>(() => pcks.GenShare(first, ciphertext, target, ciphertext.Noise, committee.Records[1])).Reason);
    }

    [Fact]
    public void A_party_refuses_beyond_its_budget_and_outside_its_epoch()
    {
        var parameters = TestRings.Tiny;
        using var committee = TestCommittee.Create(parameters, 2, 2, label: "budget");
        var protocol = new DecryptionShareProtocol(parameters, FloodingSettings.Default);
        using var key = new Combiner(parameters).GenAdditiveShare(committee.ThresholdKeys[1], [1, 2]);
        var record = new DecryptionRecord(committee.Epoch, budget: 2);
        protocol.GenShare(key, committee.Encrypt(new double[parameters.N], 1 << 20), NoiseEstimate.Zero, record);
        protocol.GenShare(key, committee.Encrypt(new double[parameters.N], 1 << 20), NoiseEstimate.Zero, record);
        var spent = Assert.Throws<DecryptionRefusedException>(() => protocol.GenShare(key, committee.Encrypt(new double[parameters.N], 1 << 20), NoiseEstimate.Zero, record));
        Assert.Equal(RefusalReason.BudgetExhausted, spent.Reason);
        var otherEpoch = new DecryptionRecord(committee.Epoch + 1, 10);
        Assert.Equal(RefusalReason.WrongEpoch, Assert.Throws<DecryptionRefusedException>(() => protocol.GenShare(key, committee.Encrypt(new double[parameters.N], 1 << 20), NoiseEstimate.Zero, otherEpoch)).Reason);
        Assert.Equal(0, otherEpoch.Count);
    }

    [Fact]
    public void A_batch_of_shares_equals_the_shares_made_one_by_one_from_the_same_random_stream()
    {
        var parameters = TestRings.Real;
        using var committee = TestCommittee.Create(parameters, 3, 2, label: "batch");
        var ciphertexts = Enumerable.Range(0, 3).Select(k => committee.Encrypt(TestEncoding.Random(new Random(k), parameters.N, 8), Scale)).ToArray();
        using var key = new Combiner(parameters).GenAdditiveShare(committee.ThresholdKeys[1], [1, 2]);
        using var oneByOneRandom = SeededRandomSource.FromLabel("batch-flooding", 1);
        using var batchRandom = SeededRandomSource.FromLabel("batch-flooding", 1);
        var oneByOneRecord = new DecryptionRecord(committee.Epoch, FloodingSettings.Default);
        var batchRecord = new DecryptionRecord(committee.Epoch, FloodingSettings.Default);
        var oneByOne = new DecryptionShareProtocol(parameters, FloodingSettings.Default, oneByOneRandom);
        var expected = ciphertexts.Select(c => oneByOne.GenShare(key, c, c.Noise, oneByOneRecord).ToBytes()).ToArray();

        var batch = new DecryptionShareProtocol(parameters, FloodingSettings.Default, batchRandom).GenShares(key, ciphertexts, NoiseEstimate.Zero, batchRecord);

        Assert.Equal(expected, batch.Select(share => share.ToBytes()));
        Assert.Equal(3, batchRecord.Count);
        Assert.Equal(oneByOneRecord.Digests().Select(Convert.ToHexString).Order(), batchRecord.Digests().Select(Convert.ToHexString).Order());
    }

    [Fact]
    public void A_batch_with_one_ciphertext_already_shared_or_listed_twice_or_beyond_the_budget_is_refused_whole()
    {
        var parameters = TestRings.Tiny;
        using var committee = TestCommittee.Create(parameters, 2, 2, label: "batch-refusal");
        var protocol = new DecryptionShareProtocol(parameters, FloodingSettings.Default);
        using var key = new Combiner(parameters).GenAdditiveShare(committee.ThresholdKeys[1], [1, 2]);
        Ciphertext Fresh() => committee.Encrypt(new double[parameters.N], 1 << 20);
        var shared = Fresh();
        var record = new DecryptionRecord(committee.Epoch, budget: 4);
        protocol.GenShare(key, shared, NoiseEstimate.Zero, record);

        var again = Assert.Throws<DecryptionRefusedException>(() => protocol.GenShares(key, [Fresh(), shared], NoiseEstimate.Zero, record));
        var twice = Fresh();
        var repeated = Assert.Throws<DecryptionRefusedException>(() => protocol.GenShares(key, [twice, twice], NoiseEstimate.Zero, record));
        var tooMany = Assert.Throws<DecryptionRefusedException>(() => protocol.GenShares(key, [Fresh(), Fresh(), Fresh(), Fresh()], NoiseEstimate.Zero, record));

        Assert.Equal(RefusalReason.AlreadyShared, again.Reason);
        Assert.Equal(RefusalReason.AlreadyShared, repeated.Reason);
        Assert.Equal(RefusalReason.BudgetExhausted, tooMany.Reason);
        Assert.Equal(1, record.Count);
        Assert.Equal(3, protocol.GenShares(key, [Fresh(), Fresh(), Fresh()], NoiseEstimate.Zero, record).Length);
        Assert.Equal(4, record.Count);
    }

    [Fact]
    public void Shares_of_another_ciphertext_or_active_set_are_not_combined()
    {
        var parameters = TestRings.Real;
        using var committee = TestCommittee.Create(parameters, 4, 2, label: "mixing");
        var first = committee.Encrypt(new double[parameters.N], Scale);
        var second = committee.Encrypt(new double[parameters.N], Scale);
        var protocol = new DecryptionShareProtocol(parameters, FloodingSettings.Default);
        var a = committee.Shares(first, [1, 2], FloodingSettings.Default);
        var b = committee.Shares(second, [1, 2], FloodingSettings.Default);
        Assert.Throws<ArgumentException>(() => protocol.Combine(first, [a[0], b[1]]));
        var c = committee.Shares(second, [3, 4], FloodingSettings.Default);
        Assert.Throws<ArgumentException>(() => protocol.Combine(second, [b[0], c[1]]));
        Assert.Throws<ArgumentException>(() => protocol.Combine(first, [a[0], a[0]]));
    }

    [Fact]
    public void Decryption_shares_round_trip_through_the_binary_format()
    {
        var parameters = TestRings.Real;
        using var committee = TestCommittee.Create(parameters, 3, 2, label: "share-format");
        var values = TestEncoding.Random(new Random(3), parameters.N, 8);
        var ciphertext = committee.Encrypt(values, Scale);
        var shares = committee.Shares(ciphertext, [1, 3], FloodingSettings.Default);
        var copies = shares.Select(s => DecryptionShare.FromBytes(parameters, s.ToBytes())).ToArray();
        Assert.Equal(shares[1].ToBytes(), copies[1].ToBytes());
        var decoded = TestEncoding.Decode(parameters, new DecryptionShareProtocol(parameters, FloodingSettings.Default).Combine(ciphertext, copies));
        Assert.True(TestEncoding.MaxError(values, decoded) < 0.02);
    }

    [Fact]
    public void Flooding_settings_are_validated_with_the_key_in_the_message_and_read_from_configuration()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new FloodingSettings(statisticalSecurity: 10));
        Assert.Contains("fedactors.crypto.flooding.statistical-security must be in [20, 128], was 10", error.Message);
        Assert.Contains("decryptions-per-key", Assert.Throws<ArgumentOutOfRangeException>(() => new FloodingSettings(decryptionsPerKey: 0)).Message);
        var settings = FloodingSettings.FromConfig(ConfigFactory.ParseString("fedactors.crypto.flooding { statistical-security = 40, decryptions-per-key = 1024 }"));
        Assert.Equal((40, 1024L), (settings.StatisticalSecurity, settings.DecryptionsPerKey));
        Assert.Equal(FloodingSettings.DefaultDecryptionsPerKey, FloodingSettings.FromConfig(ConfigFactory.ParseString("a = 1")).DecryptionsPerKey);
        // σ_flood = σ_ct · 2^(s/2) · √(12τ).
        Assert.Equal(10 * Math.Pow(2, 20) * Math.Sqrt(12 * 1024), settings.StandardDeviation(new NoiseEstimate(100)), 1e-3);
    }

    /// <summary>
    /// CRYPTO.md's precision target through the threshold path: 1,000 contributions |x| ≤ 8 weighted by sample counts up
    /// to 10,000, encoded with the coefficient encoder and encrypted under the collective key of 12 parties with the
    /// named set aggregation-default (N = 4096, Q = 42+42 bits, P = 25 bits, Δ = 2^52), summed homomorphically, decrypted
    /// by t = 10 shares with flooding sized from the sum's noise estimate (1,000 fresh encryptions): 1,000 real
    /// encryptions of one ciphertext each, so nothing about the noise is assumed.
    /// </summary>
    [Fact]
    public void The_weighted_average_of_1000_contributions_decrypted_by_10_flooded_shares_is_within_1e_6()
    {
        var set = CkksParameterSets.Get(CkksParameterSets.AggregationDefault);
        var parameters = set.Rlwe;
        var scale = set.Scale;
        var encoder = new CoefficientEncoder(parameters);
        const int contributions = 1000;
        using var committee = TestCommittee.Create(parameters, 12, 10, label: "precision");
        var random = new Random(2026);
        var weighted = new double[parameters.N];
        var totalWeight = 0.0;
        var evaluator = new Evaluator(parameters);
        var encryptor = new Encryptor(parameters, committee.PublicKey, committee.Random);
        Ciphertext? sum = null;
        var fresh = NoiseEstimator.FreshPublicKey(committee.PublicKey);
        var update = new double[parameters.N];
        for (var k = 0; k < contributions; k++)
        {
            var weight = random.Next(1, 10_001);
            totalWeight += weight;
            for (var j = 0; j < update.Length; j++)
            {
                var x = (random.NextDouble() * 2 - 1) * 8;
                update[j] = weight * x;
                weighted[j] += weight * x;
            }
            var ciphertext = encryptor.Encrypt(encoder.Encode(update, scale));
            if (sum is null)
            {
                sum = ciphertext;
            }
            else
            {
                evaluator.AddInPlace(sum, ciphertext);
            }
        }
        Assert.Equal(fresh.Variance * contributions, sum!.Noise.Variance, fresh.Variance * 1e-6);
        int[] active = [1, 2, 3, 5, 6, 7, 8, 9, 11, 12];
        var shares = committee.Shares(sum, active, FloodingSettings.Default);
        var sigmaFlood = FloodingSettings.Default.StandardDeviation(NoiseEstimator.Sum(fresh, contributions));
        Assert.All(shares, s => Assert.Equal(sigmaFlood, Math.Sqrt(s.FloodingVariance), sigmaFlood * 1e-9));
        var decoded = encoder.Decode(new DecryptionShareProtocol(parameters, FloodingSettings.Default).Combine(sum, shares));
        var worst = 0.0;
        for (var j = 0; j < decoded.Length; j++)
        {
            worst = Math.Max(worst, Math.Abs(decoded[j] / totalWeight - weighted[j] / totalWeight));
        }
        Assert.True(worst < 1e-6, $"worst coordinate error {worst:E2} (σ_flood = 2^{Math.Log2(sigmaFlood):F1})");
        // The worst case for the target is the smallest total weight (every n_k = 1): the error of the sum, not of the average.
        var worstSum = decoded.Zip(weighted, (d, w) => Math.Abs(d - w)).Max();
        Assert.True(worstSum / contributions < 1e-6, $"with every n_k = 1 the error would be {worstSum / contributions:E2}");
    }
}
