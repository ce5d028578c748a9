using FedActors.Crypto.Envelope;
using Xunit;

namespace FedActors.Crypto.Tests.Envelope;

public sealed class EcKeyPairTests
{
    private static readonly byte[] Message = new CanonicalEncoder("fedactors/test/v1").Add("run-1").Add(3L).ToArray();

    [Fact]
    public void A_signature_verifies_with_the_matching_public_key_only()
    {
        using var key = EcKeyPair.Generate();
        using var other = EcKeyPair.Generate();
        var signature = key.Sign(Message);
        Assert.Equal(EcKeyPair.SignatureSize, signature.Length);
        Assert.True(key.PublicKey.Verify(Message, signature));
        Assert.False(other.PublicKey.Verify(Message, signature));
    }

    [Fact]
    public void A_signature_does_not_verify_for_a_modified_message_or_signature()
    {
        using var key = EcKeyPair.Generate();
        var signature = key.Sign(Message);
        for (var i = 0; i < Message.Length; i++)
        {
            var modified = (byte[])Message.Clone();
            modified[i] ^= 0x01;
            Assert.False(key.PublicKey.Verify(modified, signature));
        }
        var badSignature = (byte[])signature.Clone();
        badSignature[10] ^= 0x80;
        Assert.False(key.PublicKey.Verify(Message, badSignature));
        Assert.False(key.PublicKey.Verify(Message, signature.AsSpan(0, 63)));
    }

    [Fact]
    public void Pkcs8_export_and_import_preserve_the_key()
    {
        using var key = EcKeyPair.Generate();
        using var imported = EcKeyPair.ImportPkcs8(key.ExportPkcs8());
        Assert.Equal(key.PublicKey, imported.PublicKey);
        Assert.True(key.PublicKey.Verify(Message, imported.Sign(Message)));
    }

    [Fact]
    public void Encrypted_pkcs8_opens_with_the_password_and_fails_cleanly_without_it()
    {
        using var key = EcKeyPair.Generate();
        var encrypted = key.ExportEncryptedPkcs8("correct horse");
        using var imported = EcKeyPair.ImportEncryptedPkcs8("correct horse", encrypted);
        Assert.Equal(key.PublicKey, imported.PublicKey);
        var e = Assert.Throws<EnvelopeException>(() => EcKeyPair.ImportEncryptedPkcs8("wrong", encrypted));
        Assert.Contains("password", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Garbage_is_not_imported_as_a_private_key()
    {
        Assert.Throws<EnvelopeException>(() => EcKeyPair.ImportPkcs8(new byte[] { 0x30, 0x03, 0x02, 0x01, 0x00 }));
    }

    [Fact]
    public void A_disposed_key_refuses_to_sign()
    {
        var key = EcKeyPair.Generate();
        key.Dispose();
        Assert.Throws<ObjectDisposedException>(() => key.Sign(Message));
    }

    [Fact]
    public void ToString_names_the_public_key_id_only()
    {
        using var key = EcKeyPair.Generate();
        Assert.Contains(key.PublicKey.Id.ToString(), key.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void One_key_signs_verifies_seals_and_opens_from_many_threads_at_once()
    {
        using var key = EcKeyPair.Generate();
        Parallel.For(0, 200, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var message = new CanonicalEncoder("fedactors/test/v1").Add(i).ToArray();
            Assert.True(key.PublicKey.Verify(message, key.Sign(message)));
            Assert.Equal(message, SealedBox.Open(key, SealedBox.Seal(key.PublicKey, message, default), default));
        });
    }
}
