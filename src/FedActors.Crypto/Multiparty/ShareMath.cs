using System.Runtime.InteropServices;
using System.Security.Cryptography;
using FedActors.Crypto.Ring;

namespace FedActors.Crypto.Multiparty;

/// <summary>Arithmetic shared by the decryption and re-encryption protocols.</summary>
internal static class ShareMath
{
    /// <summary>Returns a·s (coefficient domain, a's level) for a in the coefficient domain and a key s in the NTT domain.</summary>
    public static RnsPolynomial MulByKey(RnsRing ring, RnsPolynomial a, RnsPolynomial keyNtt)
    {
        var product = a.Clone();
        ring.Forward(product);
        ring.MulCoefficients(product, keyNtt, product);
        ring.Inverse(product);
        return product;
    }

    /// <summary>
    /// Adds fresh flooding noise of width <paramref name="sigma"/> (<see cref="FloodingSampler"/>, truncated at 12σ) to
    /// every coefficient of <paramref name="target"/> (coefficient domain); the 64-bit samples are reduced into every
    /// limb, so a value wider than one prime is represented exactly across the RNS limbs. σ = 0 adds nothing.
    /// </summary>
    public static void AddGaussian(RnsRing ring, RnsPolynomial target, double sigma, IRandomSource random)
    {
        if (sigma <= 0)
        {
            return;
        }
        var sampler = new FloodingSampler(random, sigma, FloodingSettings.TailBound(sigma));
        var values = new long[ring.N];
        sampler.Sample(values);
        sampler.Clear();
        var bound = (ulong)FloodingSettings.TailBound(sigma);
        for (var i = 0; i < target.LimbCount; i++)
        {
            var m = ring.Moduli[i];
            var q = m.Value;
            var limb = target.Limb(i);
            if (bound < q)
            {
                // |x| ≤ bound < q: x mod q is x, or x + q when negative (branch-free), no Barrett reduction needed.
                for (var j = 0; j < limb.Length; j++)
                {
                    var x = values[j];
                    limb[j] = m.Add(limb[j], (ulong)x + (q & (ulong)(x >> 63)));
                }
            }
            else
            {
                for (var j = 0; j < limb.Length; j++)
                {
                    limb[j] = m.Add(limb[j], m.ReduceSigned(values[j]));
                }
            }
        }
        CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(values.AsSpan()));
    }

    /// <summary>Adds a fresh error polynomial (the parameters' discrete Gaussian, σ = 3.2, bound 6σ) to <paramref name="target"/>.</summary>
    public static void AddError(Rlwe.RlweParameters parameters, RnsPolynomial target, IRandomSource random)
    {
        var ring = parameters.RingQ;
        var error = ring.NewPolynomial(target.Level);
        new GaussianSampler(random, parameters.Sigma, parameters.ErrorBound).Sample(ring, error);
        ring.Add(target, error, target);
        error.Clear();
    }
}
