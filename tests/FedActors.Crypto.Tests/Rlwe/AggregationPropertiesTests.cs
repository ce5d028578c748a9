using FedActors.Crypto.Ring;
using FedActors.Crypto.Rlwe;
using FsCheck.Xunit;

namespace FedActors.Crypto.Tests.Rlwe;

/// <summary>
/// Algebraic laws of the encrypted sum (FsCheck) and the 10,000-ciphertext sum. These run on the insecure N = 64 test
/// set: addition is coefficient-wise exact modular arithmetic whatever N is, so a small N exercises the same code at
/// a fraction of the cost (the secure sets' own round trips are tested in EncryptionTests and the Ckks tests).
/// </summary>
public sealed class AggregationPropertiesTests
{
    private static readonly RlweParameters Parameters = TestRings.Tiny;
    private static readonly SecretKey Key = new KeyGenerator(Parameters, SeededRandomSource.FromLabel("properties", 1)).GenSecretKey();
    private static readonly PublicKey Public = new KeyGenerator(Parameters, SeededRandomSource.FromLabel("properties", 2)).GenPublicKey(Key);
    private static readonly Evaluator Evaluator = new(Parameters);

    [Property(MaxTest = 40)]
    public bool The_encrypted_sum_is_commutative(int seedA, int seedB)
    {
        var (a, b) = (Encrypt(seedA), Encrypt(seedB));
        return SameResidues(Evaluator.Add(a, b), Evaluator.Add(b, a));
    }

    [Property(MaxTest = 40)]
    public bool The_encrypted_sum_is_associative(int seedA, int seedB, int seedC)
    {
        var (a, b, c) = (Encrypt(seedA), Encrypt(seedB), Encrypt(seedC));
        return SameResidues(Evaluator.Add(Evaluator.Add(a, b), c), Evaluator.Add(a, Evaluator.Add(b, c)));
    }

    [Property(MaxTest = 40)]
    public bool Decryption_is_linear_in_the_ciphertexts(int seedA, int seedB, short alpha, short beta)
    {
        var (messageA, plaintextA) = EncryptionTests.RandomMessage(seedA, 1 << 20, parameters: Parameters);
        var (messageB, plaintextB) = EncryptionTests.RandomMessage(seedB, 1 << 20, parameters: Parameters);
        var encryptor = new Encryptor(Parameters, Public);
        var combination = Evaluator.Add(
            Evaluator.MultiplyByInteger(encryptor.Encrypt(plaintextA), alpha),
            Evaluator.MultiplyByInteger(encryptor.Encrypt(plaintextB), beta));
        var expected = messageA.Zip(messageB, (x, y) => alpha * x + beta * y).ToArray();
        var noise = EncryptionTests.NoiseOf(new Decryptor(Parameters, Key).Decrypt(combination), expected);
        var bound = 8 * combination.Noise.StandardDeviation + 1;
        return noise.All(e => Math.Abs(e) <= bound);
    }

    [Fact]
    public void A_sum_of_10000_fresh_ciphertexts_decrypts_to_the_sum_of_the_messages()
    {
        using var random = SeededRandomSource.FromLabel("ten-thousand", 1);
        var encryptor = new Encryptor(Parameters, Public, random);
        var ring = Parameters.RingQ;
        var values = new Random(7);
        var expected = new long[Parameters.N];
        var message = new long[Parameters.N];
        // Coefficients up to 2^45 each: the sum's bound 10^4·2^45 ≈ 2^58.3 passes 64-bit range checks of no kind and
        // stays below Q/4 ≈ 2^77 (so the evaluator accepts every addition).
        const long magnitude = 1L << 45;
        Ciphertext? sum = null;
        for (var k = 0; k < 10_000; k++)
        {
            for (var j = 0; j < message.Length; j++)
            {
                message[j] = values.NextInt64(-magnitude, magnitude + 1);
                expected[j] += message[j];
            }
            var value = ring.NewPolynomial();
            ring.SetSigned(message, value);
            var ciphertext = encryptor.Encrypt(new Plaintext(value, 1, PlaintextEncoding.Raw, magnitude));
            if (sum is null)
            {
                sum = ciphertext;
            }
            else
            {
                Evaluator.AddInPlace(sum, ciphertext);
            }
        }
        var noise = EncryptionTests.NoiseOf(new Decryptor(Parameters, Key).Decrypt(sum!), expected);
        var estimate = sum!.Noise.StandardDeviation;
        Assert.Equal(NoiseEstimator.Sum(NoiseEstimator.FreshPublicKey(Public), 10_000).Variance, sum.Noise.Variance, 1e-6);
        Assert.All(noise, e => Assert.True(Math.Abs(e) <= 8 * estimate, $"noise {e}, estimate σ {estimate}"));
    }

    private static Ciphertext Encrypt(int seed) =>
        new Encryptor(Parameters, Public).Encrypt(EncryptionTests.RandomMessage(seed, 1 << 20, parameters: Parameters).Plaintext);

    private static bool SameResidues(Ciphertext x, Ciphertext y) => x.C0.ContentEquals(y.C0) && x.C1.ContentEquals(y.C1);
}
