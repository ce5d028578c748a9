using FedActors.Crypto.Ring;
using FedActors.Crypto.Rlwe;

namespace FedActors.Crypto.Tests.Rlwe;

public sealed class EvaluatorTests : IDisposable
{
    private readonly RlweParameters _parameters = TestRings.Real;
    private readonly SeededRandomSource _random = SeededRandomSource.FromLabel("evaluator", 1);
    private readonly SecretKey _secretKey;
    private readonly Encryptor _encryptor;
    private readonly Decryptor _decryptor;
    private readonly Evaluator _evaluator;

    public EvaluatorTests()
    {
        var keys = new KeyGenerator(_parameters, _random);
        _secretKey = keys.GenSecretKey();
        _encryptor = new Encryptor(_parameters, keys.GenPublicKey(_secretKey), _random);
        _decryptor = new Decryptor(_parameters, _secretKey);
        _evaluator = new Evaluator(_parameters);
    }

    public void Dispose()
    {
        _secretKey.Dispose();
        _random.Dispose();
    }

    [Fact]
    public void Addition_subtraction_negation_and_constant_products_match_plaintext_arithmetic()
    {
        var (a, pa) = EncryptionTests.RandomMessage(10, 1L << 40);
        var (b, pb) = EncryptionTests.RandomMessage(11, 1L << 40);
        var ca = _encryptor.Encrypt(pa);
        var cb = _encryptor.Encrypt(pb);
        var bound = 20 * ca.Noise.StandardDeviation * 1000;
        AssertClose(a.Zip(b, (x, y) => x + y).ToArray(), _evaluator.Add(ca, cb), bound);
        AssertClose(a.Zip(b, (x, y) => x - y).ToArray(), _evaluator.Sub(ca, cb), bound);
        AssertClose(a.Select(x => -x).ToArray(), _evaluator.Negate(ca), bound);
        AssertClose(a.Select(x => x * -777).ToArray(), _evaluator.MultiplyByInteger(ca, -777), bound);
    }

    [Fact]
    public void Multiplying_by_a_plaintext_is_the_negacyclic_product()
    {
        var n = _parameters.N;
        var (a, pa) = EncryptionTests.RandomMessage(12, 1L << 30);
        var monomial = new long[n];
        monomial[5] = 3;
        var ring = _parameters.RingQ;
        var value = ring.NewPolynomial();
        ring.SetSigned(monomial, value);
        var product = _evaluator.MultiplyByPlaintext(_encryptor.Encrypt(pa), new Plaintext(value, 1, PlaintextEncoding.Raw, 3));
        var expected = new long[n];
        for (var j = 0; j < n; j++)
        {
            expected[j] = j >= 5 ? 3 * a[j - 5] : -3 * a[j - 5 + n];
        }
        AssertClose(expected, product, 1e5);
    }

    [Fact]
    public void Dropping_a_level_keeps_the_message()
    {
        var (a, pa) = EncryptionTests.RandomMessage(13, 1L << 30);
        var dropped = _evaluator.DropLevel(_encryptor.Encrypt(pa), 0);
        Assert.Equal(0, dropped.Level);
        AssertClose(a, dropped, 1000);
    }

    [Fact]
    public void Operands_of_different_scales_or_encodings_are_refused()
    {
        var (_, pa) = EncryptionTests.RandomMessage(14, 10);
        var ca = _encryptor.Encrypt(pa);
        var cb = _encryptor.Encrypt(new Plaintext(pa.Value.Clone(), 2, PlaintextEncoding.Raw, 10));
        var cc = _encryptor.Encrypt(new Plaintext(pa.Value.Clone(), 1, PlaintextEncoding.Coefficients, 10));
        Assert.Throws<ArgumentException>(() => _evaluator.Add(ca, cb));
        Assert.Throws<ArgumentException>(() => _evaluator.Add(ca, cc));
    }

    [Fact]
    public void An_addition_beyond_the_capacity_of_Q_is_refused_and_leaves_the_accumulator_unchanged()
    {
        var quarter = (double)(_parameters.ModulusAtLevel(_parameters.MaxLevel) / 4);
        var (_, pa) = EncryptionTests.RandomMessage(15, 1000);
        var big = new Plaintext(pa.Value, 1, PlaintextEncoding.Raw, quarter * 0.6);
        var accumulator = _encryptor.Encrypt(big);
        var before = accumulator.C0.Clone();
        var error = Assert.Throws<CapacityExceededException>(() => _evaluator.AddInPlace(accumulator, _encryptor.Encrypt(big)));
        Assert.Contains("capacity", error.Message);
        Assert.True(before.ContentEquals(accumulator.C0));
        Assert.Throws<CapacityExceededException>(() => _evaluator.MultiplyByInteger(accumulator, 2));
    }

    [Fact]
    public void Noise_estimates_follow_sums_and_constant_products()
    {
        var (_, pa) = EncryptionTests.RandomMessage(16, 10);
        var ca = _encryptor.Encrypt(pa);
        var sum = _evaluator.Add(ca, _encryptor.Encrypt(pa));
        Assert.Equal(NoiseEstimator.Sum(ca.Noise, 2).Variance, sum.Noise.Variance, 1e-9);
        Assert.Equal(ca.Noise.Variance * 49, _evaluator.MultiplyByInteger(ca, -7).Noise.Variance, 1e-6);
        Assert.False(sum.IsSeeded);
    }

    private void AssertClose(long[] expected, Ciphertext ciphertext, double tolerance)
    {
        var noise = EncryptionTests.NoiseOf(_decryptor.Decrypt(ciphertext), expected);
        Assert.All(noise, e => Assert.True(Math.Abs(e) <= tolerance, $"noise {e} above {tolerance}"));
    }
}
