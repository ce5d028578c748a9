using FedActors.Crypto.Multiparty;
using FedActors.Crypto.Ring;
using FedActors.Crypto.Rlwe;

namespace FedActors.Crypto.Tests.Multiparty;

public sealed class PublicKeyGenProtocolTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(10)]
    [InlineData(100)]
    public void The_collective_key_of_n_parties_encrypts_for_the_sum_of_their_secrets(int n)
    {
        using var committee = TestCommittee.Create(TestRings.Real, n, threshold: 1, recipients: []);
        Assert.Equal(n, committee.PublicKey.SecretVariance / TernarySampler.Variance, 6);
        var values = TestEncoding.Random(new Random(n), TestRings.Real.N, 8);
        var ciphertext = committee.Encrypt(values, Math.Pow(2, 40));
        using var s = committee.CollectiveSecret();
        var decoded = TestEncoding.Decode(TestRings.Real, new Decryptor(TestRings.Real, s).Decrypt(ciphertext));
        // Fresh noise σ ≈ √((1 + N·2n/3)/12) ≤ 151 for n = 100: 8σ/Δ is below 2^-29.
        Assert.True(TestEncoding.MaxError(values, decoded) < 1e-8);
    }

    [Fact]
    public void One_thousand_parties_make_a_working_key_on_a_small_ring()
    {
        var parameters = TestRings.Tiny;
        using var committee = TestCommittee.Create(parameters, 1000, threshold: 1, recipients: []);
        var values = TestEncoding.Random(new Random(1000), parameters.N, 1);
        var ciphertext = committee.Encrypt(values, Math.Pow(2, 30));
        using var s = committee.CollectiveSecret();
        var decoded = TestEncoding.Decode(parameters, new Decryptor(parameters, s).Decrypt(ciphertext));
        Assert.True(TestEncoding.MaxError(values, decoded) < 1e-5);
    }

    [Fact]
    public void Shares_round_trip_through_the_binary_format_and_aggregate_in_any_order()
    {
        var parameters = TestRings.Tiny;
        using var random = SeededRandomSource.FromLabel("pkg-order", 1);
        var protocol = new PublicKeyGenProtocol(parameters, random);
        var crp = protocol.SampleCrp(new byte[32], 3);
        var secrets = Enumerable.Range(0, 4).Select(_ => protocol.GenSecretKey()).ToArray();
        var shares = secrets.Select((s, k) => protocol.GenShare(s, crp, 3, k + 1)).ToArray();
        var forward = protocol.AllocateShare(3);
        foreach (var share in shares)
        {
            protocol.AggregateShares(PublicKeyShare.FromBytes(parameters, share.ToBytes()), forward);
        }
        var left = protocol.AllocateShare(3);
        protocol.AggregateShares(shares[3], left);
        protocol.AggregateShares(shares[1], left);
        var right = protocol.AllocateShare(3);
        protocol.AggregateShares(shares[2], right);
        protocol.AggregateShares(shares[0], right);
        protocol.AggregateShares(PublicKeyShare.FromBytes(parameters, right.ToBytes()), left);
        Assert.True(forward.Value.ContentEquals(left.Value));
        Assert.Equal([1, 2, 3, 4], left.Parties);
        Array.ForEach(secrets, s => s.Dispose());
    }

    [Fact]
    public void A_party_counted_twice_or_a_share_of_another_epoch_is_refused()
    {
        var parameters = TestRings.Tiny;
        var protocol = new PublicKeyGenProtocol(parameters);
        var crp = protocol.SampleCrp(new byte[32], 1);
        using var secret = protocol.GenSecretKey();
        var share = protocol.GenShare(secret, crp, 1, 5);
        var aggregate = protocol.AllocateShare(1);
        protocol.AggregateShares(share, aggregate);
        Assert.Throws<ArgumentException>(() => protocol.AggregateShares(share, aggregate));
        Assert.Throws<ArgumentException>(() => protocol.AggregateShares(protocol.GenShare(secret, crp, 2, 6), aggregate));
        Assert.Throws<ArgumentException>(() => protocol.GenPublicKey(protocol.AllocateShare(1), crp));
    }
}
