using FedActors.Crypto.Envelope;
using FedActors.Crypto.Multiparty;
using FedActors.Crypto.Ring;

namespace FedActors.Crypto.Tests.Multiparty;

public sealed class ThresholdizerTests
{
    private const double Scale = 1L << 40;

    [Theory]
    [InlineData(3, 2)]
    [InlineData(3, 3)]
    [InlineData(10, 5)]
    [InlineData(10, 10)]
    [InlineData(4, 1)]
    public void Exactly_t_parties_decrypt_with_flooding(int n, int t)
    {
        using var committee = TestCommittee.Create(TestRings.Real, n, t, label: "exact-t");
        var values = TestEncoding.Random(new Random(n * 31 + t), TestRings.Real.N, 8);
        var ciphertext = committee.Encrypt(values, Scale);
        var active = committee.Parties.Skip(n - t).ToArray();
        var decoded = TestEncoding.Decode(TestRings.Real, committee.Decrypt(ciphertext, active));
        // Flooding σ ≈ 2^28.5 per share for a fresh ciphertext, at most √10 shares: 8σ_total/Δ ≈ 2^-6.8.
        Assert.True(TestEncoding.MaxError(values, decoded) < 0.02, $"max error {TestEncoding.MaxError(values, decoded)}");
    }

    [Fact]
    public void Any_t_subset_of_the_parties_decrypts_and_so_does_a_larger_set()
    {
        using var committee = TestCommittee.Create(TestRings.Real, 6, 3, label: "subsets");
        var values = TestEncoding.Random(new Random(6), TestRings.Real.N, 8);
        int[][] sets = [[1, 2, 3], [2, 4, 6], [1, 5, 6], [3, 4, 5], [1, 2, 4, 5, 6]];
        foreach (var active in sets)
        {
            // A fresh ciphertext per set: a party shares each ciphertext once.
            var ciphertext = committee.Encrypt(values, Scale);
            var decoded = TestEncoding.Decode(TestRings.Real, committee.Decrypt(ciphertext, active));
            Assert.True(TestEncoding.MaxError(values, decoded) < 0.02, $"set {string.Join(",", active)}");
        }
    }

    [Fact]
    public void Fewer_than_t_parties_cannot_form_an_active_set_nor_combine()
    {
        using var committee = TestCommittee.Create(TestRings.Real, 5, 3, label: "t-minus-one");
        var combiner = new Combiner(TestRings.Real);
        Assert.Throws<ArgumentException>(() => combiner.GenAdditiveShare(committee.ThresholdKeys[1], [1, 2]));
        var ciphertext = committee.Encrypt(new double[TestRings.Real.N], Scale);
        var shares = committee.Shares(ciphertext, [1, 2, 3], FloodingSettings.Default);
        var protocol = new DecryptionShareProtocol(TestRings.Real, FloodingSettings.Default);
        var error = Assert.Throws<ArgumentException>(() => protocol.Combine(ciphertext, shares.Take(2).ToArray()));
        Assert.Contains("{3} are missing", error.Message);
    }

    [Fact]
    public void Threshold_keys_and_shares_round_trip_through_the_binary_format()
    {
        var parameters = TestRings.Real;
        using var committee = TestCommittee.Create(parameters, 3, 2, label: "round-trip");
        var key = committee.ThresholdKeys[2];
        using var copy = ThresholdSecretKey.FromBytes(parameters, key.ToBytes());
        Assert.Equal((key.Epoch, key.PartyId, key.Threshold), (copy.Epoch, copy.PartyId, copy.Threshold));
        Assert.Equal(key.Committee, copy.Committee);
        Assert.Equal(key.ToBytes(), copy.ToBytes());
        var thresholdizer = new Thresholdizer(parameters);
        using var polynomial = thresholdizer.GenShamirPolynomial(2, committee.Secrets[0], 1, 1);
        using var share = thresholdizer.GenShare(polynomial, 3);
        using var shareCopy = ThresholdShare.FromBytes(parameters, share.ToBytes());
        Assert.Equal(share.ToBytes(), shareCopy.ToBytes());
        Assert.Equal((1, 3, 2), (shareCopy.DealerId, shareCopy.RecipientId, shareCopy.Threshold));
    }

    [Fact]
    public void Sealed_shares_open_only_for_their_recipient_epoch_and_dealer()
    {
        var parameters = TestRings.Tiny;
        using var recipient = EcKeyPair.Generate();
        using var other = EcKeyPair.Generate();
        using var random = SeededRandomSource.FromLabel("seal", 1);
        var thresholdizer = new Thresholdizer(parameters, random);
        using var secret = new PublicKeyGenProtocol(parameters, random).GenSecretKey();
        using var polynomial = thresholdizer.GenShamirPolynomial(2, secret, 5, 1);
        using var share = thresholdizer.GenShare(polynomial, 2);
        var sealedShare = ThresholdShareEnvelope.Seal(share, recipient.PublicKey);
        using var opened = ThresholdShareEnvelope.Open(parameters, recipient, sealedShare, 5, 1, 2);
        Assert.Equal(share.ToBytes(), opened.ToBytes());
        Assert.Throws<EnvelopeException>(() => ThresholdShareEnvelope.Open(parameters, other, sealedShare, 5, 1, 2));
        Assert.Throws<EnvelopeException>(() => ThresholdShareEnvelope.Open(parameters, recipient, sealedShare, 6, 1, 2));
        Assert.Throws<EnvelopeException>(() => ThresholdShareEnvelope.Open(parameters, recipient, sealedShare, 5, 3, 2));
        Assert.Throws<EnvelopeException>(() => ThresholdShareEnvelope.Open(parameters, recipient, sealedShare, 5, 1, 4));
    }

    [Fact]
    public void A_threshold_key_needs_exactly_one_share_from_every_dealer()
    {
        var parameters = TestRings.Tiny;
        using var random = SeededRandomSource.FromLabel("dealers", 1);
        var thresholdizer = new Thresholdizer(parameters, random);
        var protocol = new PublicKeyGenProtocol(parameters, random);
        var secrets = Enumerable.Range(0, 3).Select(_ => protocol.GenSecretKey()).ToArray();
        var polynomials = secrets.Select((s, k) => thresholdizer.GenShamirPolynomial(2, s, 1, k + 1)).ToArray();
        var shares = polynomials.Select(p => thresholdizer.GenShare(p, 1)).ToArray();
        var missing = Assert.Throws<ArgumentException>(() => thresholdizer.AggregateShares(1, [1, 2, 3], shares.Take(2)));
        Assert.Contains("{3}", missing.Message);
        Assert.Throws<ArgumentException>(() => thresholdizer.AggregateShares(1, [1, 2, 3], [.. shares, shares[0]]));
        Assert.Throws<ArgumentException>(() => thresholdizer.AggregateShares(2, [1, 2, 3], shares));
        Assert.Throws<ArgumentOutOfRangeException>(() => thresholdizer.GenShare(polynomials[0], 0));
        Array.ForEach(polynomials, p => p.Dispose());
        Array.ForEach(secrets, s => s.Dispose());
    }

    [Fact]
    public void Disposed_secret_material_cannot_be_used()
    {
        using var committee = TestCommittee.Create(TestRings.Tiny, 2, 2, label: "dispose");
        var key = committee.ThresholdKeys[1];
        var additive = new Combiner(TestRings.Tiny).GenAdditiveShare(key, [1, 2]);
        additive.Dispose();
        key.Dispose();
        Assert.Throws<ObjectDisposedException>(() => key.ToBytes());
        var ciphertext = committee.Encrypt(new double[TestRings.Tiny.N], 1 << 20);
        Assert.Throws<ObjectDisposedException>(() => new DecryptionShareProtocol(TestRings.Tiny, FloodingSettings.Default).GenShare(additive, ciphertext, ciphertext.Noise, committee.Records[1]));
        Assert.Equal(0, committee.Records[1].Count);
        Assert.Contains("redacted", key.ToString());
    }
}
