using System.Numerics;
using FedActors.Crypto.Rlwe;

namespace FedActors.Crypto.Tests.Ckks;

[Collection(CkksCollection.Name)]
public sealed class SlotEncoderTests(CkksFixture fixture)
{
    private const double Scale = 1L << 40;

    [Fact]
    public void Encode_then_decode_returns_the_complex_slots()
    {
        var random = new Random(1);
        var values = Enumerable.Range(0, fixture.Slots.Slots).Select(_ => new Complex(random.NextDouble() * 2 - 1, random.NextDouble() * 2 - 1)).ToArray();
        var decoded = fixture.Slots.DecodeComplex(fixture.Slots.Encode(values, Scale));
        Assert.All(values.Zip(decoded), p => Assert.True((p.First - p.Second).Magnitude < 1e-9));
    }

    [Fact]
    public void The_embedding_turns_polynomial_products_into_slot_wise_products()
    {
        // This is what makes it the canonical embedding, not merely an invertible map.
        var random = new Random(2);
        var parameters = fixture.Parameters.Rlwe;
        var a = Enumerable.Range(0, 64).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var b = Enumerable.Range(0, 64).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var scale = 1L << 30;
        var pa = fixture.Slots.Encode(a, scale);
        var pb = fixture.Slots.Encode(b, scale);
        var ring = parameters.RingQ;
        var product = pa.Value.Clone();
        var other = pb.Value.Clone();
        ring.Forward(product);
        ring.Forward(other);
        ring.MulCoefficients(product, other, product);
        ring.Inverse(product);
        var decoded = fixture.Slots.Decode(new Plaintext(product, (double)scale * scale, PlaintextEncoding.Slots, 0));
        for (var k = 0; k < 64; k++)
        {
            Assert.True(Math.Abs(a[k] * b[k] - decoded[k]) < 1e-6, $"slot {k}: {a[k] * b[k]} vs {decoded[k]}");
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Public_and_secret_key_encrypted_slot_values_decrypt_within_the_noise(bool publicKey)
    {
        var values = CoefficientEncoderTests.RandomValues(3, fixture.Slots.Slots, 8);
        var encryptor = publicKey ? fixture.PublicEncryptor : fixture.SecretEncryptor;
        var ciphertext = encryptor.Encrypt(fixture.Slots.Encode(values, Scale));
        var decoded = fixture.Slots.Decode(fixture.Decryptor.Decrypt(ciphertext));
        // Slot noise is the FFT of the coefficient noise: at most √N·σ·(a few) per slot with overwhelming probability.
        var bound = 10 * Math.Sqrt(fixture.Parameters.Rlwe.N) * ciphertext.Noise.StandardDeviation / Scale;
        Assert.All(values.Zip(decoded), p => Assert.True(Math.Abs(p.First - p.Second) <= bound));
    }

    [Fact]
    public void Non_finite_and_overflowing_slots_are_refused_naming_the_index()
    {
        Assert.Contains("values[2]", Assert.Throws<ArgumentException>(() => fixture.Slots.Encode([0.0, 1.0, double.NaN], Scale)).Message);
        Assert.Contains("values[1]", Assert.Throws<ArgumentOutOfRangeException>(() => fixture.Slots.Encode([0.0, 1e40], Scale)).Message);
        Assert.Throws<ArgumentException>(() => fixture.Slots.Encode(new double[fixture.Slots.Slots + 1], Scale));
    }
}
