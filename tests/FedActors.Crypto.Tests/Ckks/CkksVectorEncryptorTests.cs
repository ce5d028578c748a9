using FedActors.Crypto.Ckks;
using FedActors.Crypto.Ring;
using FedActors.Crypto.Rlwe;

namespace FedActors.Crypto.Tests.Ckks;

[Collection(CkksCollection.Name)]
public sealed class CkksVectorEncryptorTests(CkksFixture fixture)
{
    [Fact]
    public void A_long_vector_is_one_call_and_round_trips_with_the_stated_precision()
    {
        var values = CoefficientEncoderTests.RandomValues(1, 50_000, 8);
        var vector = new CkksVectorEncryptor(fixture.Parameters, fixture.PublicEncryptor).Encrypt(values);
        Assert.Equal(13, vector.Ciphertexts.Count);
        Assert.Equal(50_000, vector.Length);
        var decoded = new CkksVectorDecryptor(fixture.Parameters, fixture.Decryptor).Decrypt(vector);
        var statistics = PrecisionStatistics.Compute(values, decoded);
        Assert.True(statistics.MaxAbsoluteError < 1e-10, statistics.ToString());
        Assert.True(statistics.BitsOfPrecision > 33);
    }

    [Fact]
    public void Parallel_encryption_gives_the_same_plaintext_values()
    {
        var values = CoefficientEncoderTests.RandomValues(2, 20_000, 8);
        var encryptor = new Encryptor(fixture.Parameters.Rlwe, fixture.PublicKey);
        var vector = new CkksVectorEncryptor(fixture.Parameters, encryptor, maxDegreeOfParallelism: 2).Encrypt(values);
        var decoded = new CkksVectorDecryptor(fixture.Parameters, fixture.Decryptor).Decrypt(vector);
        Assert.True(PrecisionStatistics.Compute(values, decoded).MaxAbsoluteError < 1e-10);
    }

    [Fact]
    public void Converting_each_ciphertext_as_it_is_made_gives_the_ciphertexts_of_a_whole_vector_from_the_same_stream()
    {
        var values = CoefficientEncoderTests.RandomValues(3, 10_000, 8);
        var rlwe = fixture.Parameters.Rlwe;
        using var wholeRandom = SeededRandomSource.FromLabel("vector-convert", 1);
        using var convertedRandom = SeededRandomSource.FromLabel("vector-convert", 1);
        var whole = new CkksVectorEncryptor(fixture.Parameters, new Encryptor(rlwe, fixture.PublicKey, wholeRandom)).Encrypt(values);

        var converted = new CkksVectorEncryptor(fixture.Parameters, new Encryptor(rlwe, fixture.PublicKey, convertedRandom))
            .Encrypt(values, ciphertext => RlweSerializer.Serialize(ciphertext, rlwe));

        Assert.Equal(whole.Ciphertexts.Select(c => RlweSerializer.Serialize(c, rlwe)), converted);
    }

    [Fact]
    public void A_bad_value_deep_in_the_vector_is_reported_with_its_index_in_the_whole_vector()
    {
        var values = new double[10_000];
        values[9_001] = double.NaN;
        var error = Assert.Throws<ArgumentException>(() => new CkksVectorEncryptor(fixture.Parameters, fixture.PublicEncryptor).Encrypt(values));
        Assert.Contains("values[9001]", error.Message);
    }

    [Fact]
    public void Precision_statistics_report_the_worst_index_and_bits()
    {
        var statistics = PrecisionStatistics.Compute([1.0, 2.0, 3.0], [1.0, 2.25, 3.0]);
        Assert.Equal(0.25, statistics.MaxAbsoluteError);
        Assert.Equal(1, statistics.WorstIndex);
        Assert.Equal(2.0, statistics.BitsOfPrecision);
        Assert.Equal(0.25 / 3, statistics.MeanAbsoluteError, 12);
    }
}
