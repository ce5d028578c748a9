using FedActors.Crypto.Multiparty;
using FedActors.Crypto.Rlwe;

namespace FedActors.Crypto.Tests.Multiparty;

public sealed class PublicKeySwitchProtocolTests
{
    private const double Scale = 1L << 40;

    [Fact]
    public void Parties_re_encrypt_to_a_recipient_who_decrypts_with_its_own_key()
    {
        var parameters = TestRings.Real;
        using var committee = TestCommittee.Create(parameters, 5, 3, label: "pcks");
        var values = TestEncoding.Random(new Random(9), parameters.N, 8);
        var ciphertext = committee.Encrypt(values, Scale);
        var generator = new KeyGenerator(parameters, committee.Random);
        using var recipientSecret = generator.GenSecretKey();
        var recipientKey = generator.GenPublicKey(recipientSecret);
        var protocol = new PublicKeySwitchProtocol(parameters, FloodingSettings.Default, committee.Random);
        int[] active = [2, 4, 5];
        var shares = committee.AdditiveKeys(active)
            .Select(key => PublicKeySwitchShare.FromBytes(parameters, protocol.GenShare(key, ciphertext, recipientKey, ciphertext.Noise, committee.Records[key.PartyId]).ToBytes()))
            .ToArray();
        var switched = protocol.KeySwitch(ciphertext, recipientKey, shares);
        Assert.False(switched.C1.ContentEquals(ciphertext.C1));
        var decoded = TestEncoding.Decode(parameters, new Decryptor(parameters, recipientSecret).Decrypt(switched));
        Assert.True(TestEncoding.MaxError(values, decoded) < 0.02, $"max error {TestEncoding.MaxError(values, decoded)}");
        Assert.True(switched.Noise.Variance > shares.Sum(s => s.FloodingVariance));
        // The collective key no longer decrypts the re-encrypted ciphertext.
        using var s = committee.CollectiveSecret();
        var wrong = TestEncoding.Decode(parameters, new Decryptor(parameters, s).Decrypt(switched));
        Assert.True(TestEncoding.MaxError(values, wrong) > 1000);
    }

    [Fact]
    public void Shares_towards_another_target_are_not_combined()
    {
        var parameters = TestRings.Tiny;
        using var committee = TestCommittee.Create(parameters, 2, 2, label: "pcks-target");
        var ciphertext = committee.Encrypt(new double[parameters.N], 1 << 20);
        var generator = new KeyGenerator(parameters, committee.Random);
        var first = generator.GenPublicKey(generator.GenSecretKey());
        var second = generator.GenPublicKey(generator.GenSecretKey());
        var protocol = new PublicKeySwitchProtocol(parameters, FloodingSettings.Default, committee.Random);
        var keys = committee.AdditiveKeys([1, 2]);
        var a = protocol.GenShare(keys[0], ciphertext, first, ciphertext.Noise, committee.Records[1]);
        var b = protocol.GenShare(keys[1], ciphertext, second, ciphertext.Noise, committee.Records[2]);
        Assert.Throws<ArgumentException>(() => protocol.KeySwitch(ciphertext, first, [a, b]));
    }
}
