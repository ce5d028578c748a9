using FedActors.Crypto.Ckks;
using FedActors.Crypto.Rlwe;

namespace FedActors.Crypto.Tests.Ckks;

[Collection(CkksCollection.Name)]
public sealed class CoefficientEncoderTests(CkksFixture fixture)
{
    [Fact]
    public void Encode_then_decode_returns_the_values_to_the_rounding_of_the_scale()
    {
        var values = RandomValues(1, fixture.Parameters.Rlwe.N, 80_000);
        var decoded = fixture.Coefficients.Decode(fixture.Coefficients.Encode(values, fixture.Scale));
        Assert.All(values.Zip(decoded), p => Assert.True(Math.Abs(p.First - p.Second) <= 0.5 / fixture.Scale + Math.Abs(p.First) * 1e-15));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Public_and_secret_key_encryptions_decrypt_to_the_values(bool publicKey)
    {
        var values = RandomValues(2, 3000, 8);
        var encryptor = publicKey ? fixture.PublicEncryptor : fixture.SecretEncryptor;
        var ciphertext = encryptor.Encrypt(fixture.Coefficients.Encode(values, fixture.Scale));
        var decoded = fixture.Coefficients.Decode(fixture.Decryptor.Decrypt(ciphertext));
        var bound = 10 * ciphertext.Noise.StandardDeviation / fixture.Scale + 1e-15;
        for (var j = 0; j < values.Length; j++)
        {
            Assert.True(Math.Abs(values[j] - decoded[j]) <= bound, $"{j}: {values[j]} vs {decoded[j]}");
        }
        Assert.All(decoded.Skip(values.Length), x => Assert.True(Math.Abs(x) <= bound));
    }

    [Fact]
    public void Homomorphic_add_sub_and_constant_products_match_plaintext_arithmetic_within_the_noise()
    {
        var x = RandomValues(4, fixture.Parameters.Rlwe.N, 8);
        var y = RandomValues(5, fixture.Parameters.Rlwe.N, 8);
        var cx = fixture.PublicEncryptor.Encrypt(fixture.Coefficients.Encode(x, fixture.Scale));
        var cy = fixture.PublicEncryptor.Encrypt(fixture.Coefficients.Encode(y, fixture.Scale));
        var evaluator = fixture.Evaluator;
        Check(x.Zip(y, (a, b) => a + b), evaluator.Add(cx, cy));
        Check(x.Zip(y, (a, b) => a - b), evaluator.Sub(cx, cy));
        Check(x.Select(a => -a), evaluator.Negate(cx));
        Check(x.Select(a => a * 10_000), evaluator.MultiplyByInteger(cx, 10_000));

        void Check(IEnumerable<double> expected, Ciphertext ciphertext)
        {
            var decoded = fixture.Coefficients.Decode(fixture.Decryptor.Decrypt(ciphertext));
            var tolerance = 10 * ciphertext.Noise.StandardDeviation / fixture.Scale + 1e-9;
            var statistics = PrecisionStatistics.Compute(expected.ToArray(), decoded);
            Assert.True(statistics.MaxAbsoluteError <= tolerance, statistics.ToString());
        }
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Non_finite_values_are_refused_naming_the_index(double bad)
    {
        var values = new double[10];
        values[7] = bad;
        var error = Assert.Throws<ArgumentException>(() => fixture.Coefficients.Encode(values, fixture.Scale));
        Assert.Contains("values[7]", error.Message);
    }

    [Fact]
    public void A_value_that_overflows_the_modulus_at_the_scale_is_refused_naming_the_index_and_value()
    {
        var values = new double[10];
        values[3] = 1e12;
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => fixture.Coefficients.Encode(values, fixture.Scale));
        Assert.Contains("values[3] = 1000000000000", error.Message);
        Assert.Contains("overflows", error.Message);
    }

    [Fact]
    public void More_values_than_coefficients_are_refused() =>
        Assert.Throws<ArgumentException>(() => fixture.Coefficients.Encode(new double[fixture.Parameters.Rlwe.N + 1], fixture.Scale));

    [Fact]
    public void A_slot_plaintext_is_not_decoded_as_coefficients() =>
        Assert.Throws<ArgumentException>(() => fixture.Coefficients.Decode(fixture.Slots.Encode([1.0], fixture.Scale)));

    [Fact]
    public void Encoded_bound_is_the_largest_scaled_value()
    {
        var plaintext = fixture.Coefficients.Encode([1.5, -2.0], 1024);
        Assert.Equal(2048, plaintext.MessageBound);
        Assert.Equal(PlaintextEncoding.Coefficients, plaintext.Encoding);
    }

    internal static double[] RandomValues(int seed, int count, double magnitude)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (random.NextDouble() * 2 - 1) * magnitude).ToArray();
    }
}
