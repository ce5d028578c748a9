using System.Numerics;
using FedActors.Crypto.Multiparty;
using FedActors.Crypto.Ring;
using FedActors.Crypto.Rlwe;

namespace FedActors.Crypto.Tests.Multiparty;

/// <summary>
/// What the threshold layer protects against, shown by attacks: t − 1 shares reveal nothing, and the Li–Micciancio
/// key recovery (eprint 2020/1533) works against unflooded decryption and fails against ours.
/// </summary>
public sealed class SecurityDemonstrationTests
{
    private const double Scale = 1L << 40;

    [Fact]
    public void Decryption_with_fewer_than_t_shares_reveals_nothing()
    {
        var parameters = TestRings.Real;
        using var committee = TestCommittee.Create(parameters, 5, 3, label: "t-1");
        var values = TestEncoding.Random(new Random(4), parameters.N, 8);
        var ciphertext = committee.Encrypt(values, Scale);
        var shares = committee.Shares(ciphertext, [1, 2, 4], FloodingSettings.Default);
        // The coalition of parties 1 and 2 adds its shares to c0 without party 4's.
        var partial = ciphertext.C0.Clone();
        parameters.RingQ.Add(partial, shares[0].Value, partial);
        parameters.RingQ.Add(partial, shares[1].Value, partial);
        var centered = TestEncoding.Centered(parameters, partial);
        var half = parameters.ModulusAtLevel(parameters.MaxLevel) / 2;
        var decoded = centered.Select(x => (double)x / Scale).ToArray();
        // Nothing recovered: the error is of the order of Q/Δ, 2^43 times the message range, not of the flooding.
        var meanError = decoded.Zip(values, (d, v) => Math.Abs(d - v)).Average();
        Assert.True(meanError > 1e6 * 8, $"mean error {meanError:E2}");
        // And the coefficients are spread uniformly over (−Q/2, Q/2]: mean |x| / (Q/2) ≈ 1/2, not near 0.
        var relative = centered.Select(x => (double)BigInteger.Abs(x) / (double)half).Average();
        Assert.InRange(relative, 0.47, 0.53);
    }

    [Fact]
    public void Without_flooding_the_decrypted_plaintext_gives_away_the_secret_key()
    {
        var (committee, ciphertext, plaintext) = DecryptOnce(FloodingSettings.Disabled, "lm-unflooded");
        using (committee)
        {
            using var s = committee.CollectiveSecret();
            var recovered = RecoverKey(committee.Parameters, ciphertext, plaintext);
            var expected = s.Value.CopyAtLevel(committee.Parameters.MaxLevel);
            Assert.True(recovered.ContentEquals(expected), "the attacker recovered s exactly");
        }
    }

    [Fact]
    public void With_flooding_the_same_attack_recovers_garbage()
    {
        var (committee, ciphertext, plaintext) = DecryptOnce(FloodingSettings.Default, "lm-flooded");
        using (committee)
        {
            var parameters = committee.Parameters;
            using var s = committee.CollectiveSecret();
            var recovered = RecoverKey(parameters, ciphertext, plaintext);
            parameters.RingQ.Inverse(recovered);
            var guess = TestEncoding.Centered(parameters, recovered);
            var truth = s.Value.CopyAtLevel(parameters.MaxLevel);
            parameters.RingQ.Inverse(truth);
            var actual = TestEncoding.Centered(parameters, truth);
            var wrong = guess.Zip(actual, (g, a) => g != a).Count(w => w);
            Assert.True(wrong > parameters.N * 99 / 100, $"{wrong} of {parameters.N} coefficients wrong");
            // The decrypted values themselves are still right: flooding costs precision, not correctness.
            Assert.True(TestEncoding.MaxError(plaintext.Decoded, TestEncoding.Decode(parameters, new Decryptor(parameters, s).Decrypt(ciphertext))) < 0.02);
        }
    }

    private sealed record Observation(double[] Decoded, double Scale);

    /// <summary>Three of five parties decrypt a fresh ciphertext; the attacker sees the CKKS-decoded output (doubles) and the ciphertext.</summary>
    private static (TestCommittee Committee, Ciphertext Ciphertext, Observation Plaintext) DecryptOnce(FloodingSettings flooding, string label)
    {
        var committee = TestCommittee.Create(TestRings.Real, 5, 3, label: label);
        var values = TestEncoding.Random(new Random(17), TestRings.Real.N, 8);
        var ciphertext = committee.Encrypt(values, Scale);
        var plaintext = committee.Decrypt(ciphertext, [1, 3, 5], flooding);
        return (committee, ciphertext, new Observation(TestEncoding.Decode(TestRings.Real, plaintext), Scale));
    }

    /// <summary>
    /// Li–Micciancio: the decoded output z ≈ (m + e)/Δ holds m + e = c0 + c1·s exactly (|m + e| &lt; 2^44, so the double
    /// keeps every bit); rounding z·Δ gives it back, and s = (round(z·Δ) − c0) / c1 in the NTT domain, where c1 is
    /// invertible slot by slot with overwhelming probability. Returns the candidate s (NTT domain over Q).
    /// </summary>
    private static RnsPolynomial RecoverKey(RlweParameters parameters, Ciphertext ciphertext, Observation observation)
    {
        var ring = parameters.RingQ;
        var integers = observation.Decoded.Select(z => (long)Math.Round(z * observation.Scale)).ToArray();
        var candidate = ring.NewPolynomial();
        ring.SetSigned(integers, candidate);
        ring.Sub(candidate, ciphertext.C0, candidate);
        ring.Forward(candidate);
        var c1 = ciphertext.C1.Clone();
        ring.Forward(c1);
        for (var i = 0; i < candidate.LimbCount; i++)
        {
            var m = ring.Moduli[i];
            var limb = candidate.Limb(i);
            var divisor = c1.Limb(i);
            for (var j = 0; j < limb.Length; j++)
            {
                limb[j] = m.Mul(limb[j], m.Inverse(divisor[j]));
            }
        }
        return candidate;
    }
}
