using FedActors.Crypto.Envelope;
using Xunit;

namespace FedActors.Crypto.Tests.Envelope;

public sealed class EcPublicKeyTests
{
    [Fact]
    public void Point_spki_and_pem_forms_round_trip_to_the_same_key()
    {
        using var key = EcKeyPair.Generate();
        var publicKey = key.PublicKey;
        Assert.Equal(publicKey, EcPublicKey.FromUncompressedPoint(publicKey.ToUncompressedPoint()));
        Assert.Equal(publicKey, EcPublicKey.FromSubjectPublicKeyInfo(publicKey.ExportSubjectPublicKeyInfo()));
        Assert.Equal(publicKey, EcPublicKey.FromPem(publicKey.ExportPem()));
    }

    [Fact]
    public void The_id_is_the_sha256_of_the_subject_public_key_info()
    {
        using var key = EcKeyPair.Generate();
        Assert.Equal(Fingerprint.Of(key.PublicKey.ExportSubjectPublicKeyInfo()), key.PublicKey.Id);
    }

    [Fact]
    public void A_point_off_the_curve_is_rejected()
    {
        using var key = EcKeyPair.Generate();
        var point = key.PublicKey.ToUncompressedPoint();
        point[64] ^= 0x01;
        Assert.Throws<EnvelopeException>(() => EcPublicKey.FromUncompressedPoint(point));
    }

    [Fact]
    public void A_compressed_or_short_point_is_rejected_with_the_expected_form()
    {
        var e = Assert.Throws<EnvelopeException>(() => EcPublicKey.FromUncompressedPoint(new byte[33]));
        Assert.Contains("65-byte uncompressed point", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_without_a_public_key_is_rejected()
    {
        Assert.Throws<EnvelopeException>(() => EcPublicKey.FromPem("hello"));
    }
}
