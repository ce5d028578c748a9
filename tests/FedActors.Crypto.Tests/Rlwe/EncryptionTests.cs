using FedActors.Crypto.Ring;
using FedActors.Crypto.Rlwe;

namespace FedActors.Crypto.Tests.Rlwe;

/// <summary>Round trips and noise of public- and secret-key encryption on raw integer plaintexts.</summary>
public sealed class EncryptionTests
{
    private static RlweParameters Parameters => TestRings.Real;

    [Fact]
    public void Public_key_encryption_decrypts_within_the_estimated_noise()
    {
        using var random = SeededRandomSource.FromLabel("pk", 1);
        var keys = new KeyGenerator(Parameters, random);
        using var sk = keys.GenSecretKey();
        var pk = keys.GenPublicKey(sk);
        var (message, plaintext) = RandomMessage(1, 1L << 40);
        var ciphertext = new Encryptor(Parameters, pk, random).Encrypt(plaintext);
        var noise = NoiseOf(new Decryptor(Parameters, sk).Decrypt(ciphertext), message);
        var estimate = NoiseEstimator.FreshPublicKey(pk);
        Assert.Equal(estimate, ciphertext.Noise);
        // The empirical variance over N coefficients is within 20% of the estimate (N = 4096 samples: 5 standard errors ≈ 11%).
        Assert.InRange(Variance(noise), 0.8 * estimate.Variance, 1.2 * estimate.Variance);
        Assert.All(noise, e => Assert.True(Math.Abs(e) < 8 * estimate.StandardDeviation));
    }

    [Fact]
    public void Secret_key_encryption_is_seeded_and_decrypts_within_the_error_bound()
    {
        using var random = SeededRandomSource.FromLabel("sk", 1);
        using var sk = new KeyGenerator(Parameters, random).GenSecretKey();
        var (message, plaintext) = RandomMessage(2, 1L << 50);
        var ciphertext = new Encryptor(Parameters, sk, random).Encrypt(plaintext);
        Assert.True(ciphertext.IsSeeded);
        Assert.True(Encryptor.ExpandSeed(Parameters, ciphertext.Seed, ciphertext.Level).ContentEquals(ciphertext.C1));
        var noise = NoiseOf(new Decryptor(Parameters, sk).Decrypt(ciphertext), message);
        Assert.All(noise, e => Assert.True(Math.Abs(e) <= Parameters.ErrorBound));
    }

    [Fact]
    public void Encryption_at_a_lower_level_keeps_that_level()
    {
        using var random = SeededRandomSource.FromLabel("level", 1);
        var keys = new KeyGenerator(Parameters, random);
        using var sk = keys.GenSecretKey();
        var pk = keys.GenPublicKey(sk);
        var (message, plaintext) = RandomMessage(3, 1L << 30, level: 0);
        var ciphertext = new Encryptor(Parameters, pk, random).Encrypt(plaintext);
        Assert.Equal(0, ciphertext.Level);
        var noise = NoiseOf(new Decryptor(Parameters, sk).Decrypt(ciphertext), message);
        Assert.All(noise, e => Assert.True(Math.Abs(e) < 200));
    }

    [Fact]
    public void A_seeded_source_replays_keys_and_ciphertexts_bit_for_bit()
    {
        Ciphertext Run()
        {
            using var random = SeededRandomSource.FromLabel("replay", 9);
            var keys = new KeyGenerator(Parameters, random);
            using var sk = keys.GenSecretKey();
            var pk = keys.GenPublicKey(sk);
            return new Encryptor(Parameters, pk, random).Encrypt(RandomMessage(4, 1000).Plaintext);
        }
        var a = Run();
        var b = Run();
        Assert.True(a.C0.ContentEquals(b.C0) && a.C1.ContentEquals(b.C1));
    }

    [Fact]
    public void A_disposed_secret_key_is_zeroed_and_unusable()
    {
        var sk = new KeyGenerator(Parameters).GenSecretKey();
        var value = sk.Value;
        Assert.Contains(value.Residues.ToArray(), x => x != 0);
        sk.Dispose();
        Assert.All(value.Residues.ToArray(), x => Assert.Equal(0UL, x));
        Assert.Throws<ObjectDisposedException>(() => sk.Value);
        Assert.DoesNotContain(value.ToString()!, sk.ToString());
    }

    [Fact]
    public void Keys_of_other_parameters_are_refused()
    {
        using var sk = new KeyGenerator(TestRings.Tiny).GenSecretKey();
        Assert.Throws<ArgumentException>(() => new Decryptor(Parameters, sk));
        Assert.Throws<ArgumentException>(() => new Encryptor(Parameters, sk));
    }

    internal static (long[] Message, Plaintext Plaintext) RandomMessage(int seed, long magnitude, int level = -1, RlweParameters? parameters = null)
    {
        parameters ??= Parameters;
        var random = new Random(seed);
        var message = Enumerable.Range(0, parameters.N).Select(_ => random.NextInt64(-magnitude, magnitude + 1)).ToArray();
        var ring = parameters.RingQ;
        var value = ring.NewPolynomial(level);
        ring.SetSigned(message, value);
        return (message, new Plaintext(value, 1, PlaintextEncoding.Raw, magnitude));
    }

    internal static double[] NoiseOf(Plaintext decrypted, long[] message)
    {
        var centered = TestRings.RingFor(decrypted.Value).Compose(decrypted.Value, centered: true);
        return centered.Select((x, j) => (double)(x - message[j])).ToArray();
    }

    internal static double Variance(double[] values)
    {
        var mean = values.Average();
        return values.Average(x => (x - mean) * (x - mean));
    }
}
