using FedActors.Crypto.Envelope;
using Xunit;

namespace FedActors.Crypto.Tests.Envelope;

public sealed class SymmetricKeyTests
{
    private static readonly byte[] Epoch = new CanonicalEncoder("fedactors/epoch/v1").Add("run-1").Add(4L).ToArray();

    [Fact]
    public void A_group_key_sealed_to_each_member_opens_to_the_same_key_for_every_member()
    {
        using var groupKey = SymmetricKey.Generate();
        var members = Enumerable.Range(0, 3).Select(_ => EcKeyPair.Generate()).ToArray();
        try
        {
            var share = groupKey.Encrypt("decryption share"u8, "round-5"u8);
            foreach (var member in members)
            {
                var sealedKey = groupKey.SealTo(member.PublicKey, Epoch);
                using var opened = SymmetricKey.OpenSealed(member, sealedKey, Epoch);
                Assert.Equal(groupKey.Id, opened.Id);
                Assert.Equal("decryption share"u8.ToArray(), opened.Decrypt(share, "round-5"u8));
            }
        }
        finally
        {
            foreach (var member in members)
            {
                member.Dispose();
            }
        }
    }

    [Fact]
    public void A_sealed_group_key_does_not_open_in_another_context()
    {
        using var groupKey = SymmetricKey.Generate();
        using var member = EcKeyPair.Generate();
        var sealedKey = groupKey.SealTo(member.PublicKey, Epoch);
        Assert.Throws<EnvelopeException>(() => SymmetricKey.OpenSealed(member, sealedKey, "another epoch"u8));
    }

    [Fact]
    public void A_message_under_another_key_is_refused_naming_the_key_ids()
    {
        using var key = SymmetricKey.Generate();
        using var other = SymmetricKey.Generate();
        var message = key.Encrypt("m"u8, default);
        var e = Assert.Throws<EnvelopeException>(() => other.Decrypt(message, default));
        Assert.Contains(key.Id.ToString(), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Any_flipped_bit_or_changed_associated_data_fails()
    {
        using var key = SymmetricKey.Generate();
        var message = key.Encrypt("share bytes"u8, "ad"u8);
        Assert.Throws<EnvelopeException>(() => key.Decrypt(message, "AD"u8));
        for (var i = 0; i < message.Length; i++)
        {
            var modified = (byte[])message.Clone();
            modified[i] ^= 0x40;
            Assert.Throws<EnvelopeException>(() => key.Decrypt(modified, "ad"u8));
        }
        Assert.Throws<EnvelopeException>(() => key.Decrypt(message.AsSpan(0, SymmetricKey.MessageOverhead - 1), "ad"u8));
    }

    [Fact]
    public void The_key_id_depends_on_the_key_and_does_not_reveal_it()
    {
        var bytes = new byte[SymmetricKey.Size];
        bytes[0] = 1;
        using var a = SymmetricKey.FromBytes(bytes);
        using var b = SymmetricKey.FromBytes(bytes);
        using var c = SymmetricKey.Generate();
        Assert.Equal(a.Id, b.Id);
        Assert.NotEqual(a.Id, c.Id);
        Assert.NotEqual(Fingerprint.Of(bytes), a.Id);
        Assert.DoesNotContain(Convert.ToHexStringLower(bytes), a.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_of_the_wrong_size_is_rejected()
    {
        Assert.Contains("256 bits", Assert.Throws<EnvelopeException>(() => SymmetricKey.FromBytes(new byte[16])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_disposed_key_is_unusable()
    {
        var key = SymmetricKey.Generate();
        key.Dispose();
        Assert.Throws<ObjectDisposedException>(() => key.Export());
        Assert.Throws<ObjectDisposedException>(() => key.Encrypt("x"u8, default));
    }
}
