using FedActors.Crypto.Ring;
using FedActors.Crypto.Rlwe;

namespace FedActors.Crypto.Tests;

/// <summary>Shared, lazily built parameter sets and helpers (building tables is the expensive part of a test).</summary>
internal static class TestRings
{
    private static readonly Lazy<RlweParameters> Secure4096 = new(() => RlweParameters.Create(12, [42, 42], [25]));
    private static readonly Lazy<RlweParameters> Small = new(() => RlweParameters.InsecureForTests(6, [40, 40], [30]));

    /// <summary>N = 4096, Q = 42+42 bits, P = 25 bits: a real 128-bit set.</summary>
    public static RlweParameters Real => Secure4096.Value;

    /// <summary>N = 64: fast, insecure, for tests of algebra rather than of security.</summary>
    public static RlweParameters Tiny => Small.Value;

    /// <summary>The ciphertext ring of whichever shared set has this polynomial's N.</summary>
    public static RnsRing RingFor(RnsPolynomial p) => p.N == Real.N ? Real.RingQ : p.N == Tiny.N ? Tiny.RingQ : throw new ArgumentException($"No shared ring with N = {p.N}.");

    public static ulong[] RandomResidues(Random random, int n, ulong q)
    {
        var result = new ulong[n];
        for (var i = 0; i < n; i++)
        {
            result[i] = (ulong)random.NextInt64(0, (long)Math.Min(q, long.MaxValue));
        }
        return result;
    }

    public static RnsPolynomial RandomPolynomial(Random random, RnsRing ring, int level = -1)
    {
        var p = ring.NewPolynomial(level);
        for (var i = 0; i < p.LimbCount; i++)
        {
            RandomResidues(random, ring.N, ring.Moduli[i].Value).CopyTo(p.Limb(i));
        }
        return p;
    }
}
