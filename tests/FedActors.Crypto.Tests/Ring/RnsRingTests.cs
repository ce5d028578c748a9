using System.Numerics;
using FedActors.Crypto.Ring;

namespace FedActors.Crypto.Tests.Ring;

public sealed class RnsRingTests
{
    private static readonly Lazy<RnsRing> SharedRing = new(() => new RnsRing(5, NttPrimes.Generate(5, [61, 50, 40, 30])));

    private static RnsRing Ring => SharedRing.Value;

    [Fact]
    public void CRT_decompose_then_compose_is_the_identity_at_every_level()
    {
        var random = new Random(1);
        for (var level = 0; level <= Ring.MaxLevel; level++)
        {
            var q = Ring.ModulusAtLevel(level);
            var values = Enumerable.Range(0, Ring.N).Select(_ => RandomBelow(random, q) - q / 2).ToArray();
            var p = Ring.NewPolynomial(level);
            Ring.SetBig(values, p);
            Assert.Equal(values, Ring.Compose(p, centered: true));
            var doubles = new double[Ring.N];
            Ring.ComposeCentered(p, 1.0, doubles);
            for (var j = 0; j < Ring.N; j++)
            {
                Assert.Equal((double)values[j], doubles[j], (double)BigInteger.Abs(values[j]) * 1e-15 + 1e-9);
            }
        }
    }

    [Fact]
    public void Addition_subtraction_negation_and_products_are_exact_modular_arithmetic()
    {
        var random = new Random(2);
        var level = Ring.MaxLevel;
        var q = Ring.ModulusAtLevel(level);
        var a = TestRings.RandomPolynomial(random, Ring);
        var b = TestRings.RandomPolynomial(random, Ring);
        var big = Ring.Compose(a, false);
        var bigB = Ring.Compose(b, false);
        var r = Ring.NewPolynomial();

        Ring.Add(a, b, r);
        Assert.Equal(big.Zip(bigB, (x, y) => (x + y) % q), Ring.Compose(r, false));
        Ring.Sub(a, b, r);
        Assert.Equal(big.Zip(bigB, (x, y) => ((x - y) % q + q) % q), Ring.Compose(r, false));
        Ring.Negate(a, r);
        Assert.Equal(big.Select(x => (q - x) % q), Ring.Compose(r, false));
        Ring.MulCoefficients(a, b, r);
        Assert.Equal(big.Zip(bigB, (x, y) => x * y % q), Ring.Compose(r, false));
        Ring.MulCoefficientsShoup(a, b, Ring.ShoupCompanions(b), r);
        Assert.Equal(big.Zip(bigB, (x, y) => x * y % q), Ring.Compose(r, false));
        var c = BigInteger.Parse("-123456789012345678901234567");
        Ring.MulScalar(a, c, r);
        Assert.Equal(big.Select(x => ((x * c) % q + q) % q), Ring.Compose(r, false));
    }

    [Fact]
    public void The_ring_product_in_the_NTT_domain_matches_the_schoolbook_product_over_Q()
    {
        var random = new Random(3);
        var q = Ring.ModulusAtLevel(Ring.MaxLevel);
        var a = TestRings.RandomPolynomial(random, Ring);
        var b = TestRings.RandomPolynomial(random, Ring);
        var bigA = Ring.Compose(a, false);
        var bigB = Ring.Compose(b, false);
        var expected = new BigInteger[Ring.N];
        for (var i = 0; i < Ring.N; i++)
        {
            for (var j = 0; j < Ring.N; j++)
            {
                var k = i + j;
                expected[k % Ring.N] += k < Ring.N ? bigA[i] * bigB[j] : -bigA[i] * bigB[j];
            }
        }
        Ring.Forward(a);
        Ring.Forward(b);
        Ring.MulCoefficients(a, b, a);
        Ring.Inverse(a);
        Assert.Equal(expected.Select(x => (x % q + q) % q), Ring.Compose(a, false));
    }

    [Fact]
    public void Dropping_a_level_keeps_the_value_modulo_the_remaining_primes()
    {
        var random = new Random(4);
        var a = TestRings.RandomPolynomial(random, Ring);
        var full = Ring.Compose(a, false);
        a.DropToLevel(1);
        Assert.Equal(1, a.Level);
        var q1 = Ring.ModulusAtLevel(1);
        Assert.Equal(full.Select(x => x % q1), Ring.Compose(a, false));
    }

    [Fact]
    public void Rescaling_divides_by_the_last_prime_with_rounding_to_nearest()
    {
        var random = new Random(5);
        var a = TestRings.RandomPolynomial(random, Ring);
        var values = Ring.Compose(a, centered: true);
        var last = Ring.Moduli[Ring.MaxLevel].Value;
        Ring.Rescale(a);
        Assert.Equal(Ring.MaxLevel - 1, a.Level);
        var result = Ring.Compose(a, centered: true);
        for (var j = 0; j < Ring.N; j++)
        {
            var exact = (double)values[j] / last;
            Assert.True(Math.Abs((double)result[j] - exact) <= 0.5 + 1e-6 * Math.Abs(exact), $"coefficient {j}: {result[j]} vs {exact}");
        }
    }

    [Fact]
    public void Every_path_gives_the_same_kernel_results()
    {
        var random = new Random(6);
        var a = TestRings.RandomPolynomial(random, Ring);
        var b = TestRings.RandomPolynomial(random, Ring);
        var expected = Run(Ring.WithPath(NttPath.Scalar), a, b);
        foreach (var path in Enum.GetValues<NttPath>().Where(NttTables.IsSupported))
        {
            Assert.Equal(expected, Run(Ring.WithPath(path), a, b));
        }

        static ulong[] Run(RnsRing ring, RnsPolynomial a, RnsPolynomial b)
        {
            var r = ring.NewPolynomial();
            var s = ring.NewPolynomial();
            ring.Add(a, b, r);
            ring.Sub(r, b, s);
            ring.Sub(a, r, r);
            ring.Add(r, s, r);
            ring.MulScalar(r, 987654321987, r);
            ring.MulCoefficientsShoup(r, b, ring.ShoupCompanions(b), r);
            ring.Forward(r);
            ring.Inverse(s);
            ring.Add(r, s, r);
            return r.Residues.ToArray();
        }
    }

    private static BigInteger RandomBelow(Random random, BigInteger bound)
    {
        var bytes = bound.ToByteArray();
        random.NextBytes(bytes);
        bytes[^1] &= 0x7F;
        return new BigInteger(bytes) % bound;
    }
}
