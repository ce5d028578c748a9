using FedActors.Crypto.Rlwe;

namespace FedActors.Benchmarks.Multiparty;

/// <summary>
/// The ciphertexts of a long vector as the coordinator holds them after a round: random coefficients below 2^50
/// encrypted under the collective public key, carrying the noise estimate of a sum of <c>contributions</c> fresh
/// encryptions, so that flooding in the decryption shares has the width it has in a real round.
/// </summary>
internal static class AggregateVector
{
    public static Ciphertext[] Encrypt(RlweParameters parameters, PublicKey publicKey, int length, int contributions)
    {
        var encryptor = new Encryptor(parameters, publicKey);
        var fresh = NoiseEstimator.FreshPublicKey(publicKey);
        var count = (length + parameters.N - 1) / parameters.N;
        var random = new Random(1);
        var vector = new Ciphertext[count];
        for (var k = 0; k < count; k++)
        {
            var values = new long[parameters.N];
            for (var j = 0; j < values.Length; j++)
            {
                values[j] = random.NextInt64(-1L << 50, 1L << 50);
            }
            var plaintext = parameters.RingQ.NewPolynomial();
            parameters.RingQ.SetSigned(values, plaintext);
            var c = encryptor.Encrypt(new Plaintext(plaintext, 1L << 52, PlaintextEncoding.Coefficients, 1L << 50));
            vector[k] = new Ciphertext(c.C0, c.C1, c.Scale, c.Encoding, c.MessageBound * contributions, NoiseEstimator.Sum(fresh, contributions));
        }
        return vector;
    }
}
