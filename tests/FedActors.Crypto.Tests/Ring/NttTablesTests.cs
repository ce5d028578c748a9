using FedActors.Crypto.Ring;

namespace FedActors.Crypto.Tests.Ring;

public sealed class NttTablesTests
{
    public static TheoryData<int, int> SchoolbookCases()
    {
        var data = new TheoryData<int, int>();
        for (var logN = 1; logN <= 11; logN++)
        {
            foreach (var bits in new[] { logN + 6, 30, 50, 61 })
            {
                data.Add(logN, bits);
            }
        }
        return data;
    }

    public static TheoryData<NttPath> Paths()
    {
        var data = new TheoryData<NttPath>();
        foreach (var path in Enum.GetValues<NttPath>().Where(NttTables.IsSupported))
        {
            data.Add(path);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(SchoolbookCases))]
    public void Negacyclic_product_through_the_NTT_equals_the_schoolbook_product(int logN, int bits)
    {
        var q = NttPrimes.Generate(logN, [bits])[0];
        var tables = new NttTables(new Modulus(q), logN);
        var random = new Random(logN * 100 + bits);
        var a = TestRings.RandomResidues(random, tables.N, q);
        var b = TestRings.RandomResidues(random, tables.N, q);
        var expected = Schoolbook(a, b, tables.Modulus);
        foreach (var path in Enum.GetValues<NttPath>().Where(NttTables.IsSupported))
        {
            var fa = (ulong[])a.Clone();
            var fb = (ulong[])b.Clone();
            tables.Forward(fa, path);
            tables.Forward(fb, path);
            for (var i = 0; i < fa.Length; i++)
            {
                fa[i] = tables.Modulus.Mul(fa[i], fb[i]);
            }
            tables.Inverse(fa, path);
            Assert.Equal(expected, fa);
        }
    }

    [Theory]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(14)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    public void Multiplying_by_a_monomial_through_the_NTT_is_a_negacyclic_shift_for_large_N(int logN)
    {
        var q = NttPrimes.Generate(logN, [55])[0];
        var tables = new NttTables(new Modulus(q), logN);
        var n = tables.N;
        var random = new Random(logN);
        var a = TestRings.RandomResidues(random, n, q);
        var shift = random.Next(1, n);
        var monomial = new ulong[n];
        monomial[shift] = 1;
        var fa = (ulong[])a.Clone();
        tables.Forward(fa);
        tables.Forward(monomial);
        for (var i = 0; i < n; i++)
        {
            fa[i] = tables.Modulus.Mul(fa[i], monomial[i]);
        }
        tables.Inverse(fa);
        for (var i = 0; i < n; i++)
        {
            // a·X^k: coefficient i comes from i − k, negated when it wraps past X^N = −1.
            var source = i - shift;
            var expected = source >= 0 ? a[source] : tables.Modulus.Negate(a[source + n]);
            Assert.Equal(expected, fa[i]);
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Forward_then_inverse_is_the_identity_and_every_path_gives_the_scalar_result(NttPath path)
    {
        foreach (var (logN, bits) in new[] { (3, 20), (4, 61), (10, 27), (13, 60), (13, 40), (14, 61), (15, 50) })
        {
            var q = NttPrimes.Generate(logN, [bits])[0];
            var tables = new NttTables(new Modulus(q), logN);
            var random = new Random(bits);
            var a = TestRings.RandomResidues(random, tables.N, q);
            a[0] = q - 1;
            var scalar = (ulong[])a.Clone();
            var vector = (ulong[])a.Clone();
            tables.Forward(scalar, NttPath.Scalar);
            tables.Forward(vector, path);
            Assert.Equal(scalar, vector);
            Assert.All(vector, x => Assert.True(x < q));
            tables.Inverse(vector, path);
            Assert.Equal(a, vector);
        }
    }

    [Fact]
    public void The_root_is_a_primitive_2N_th_root_of_unity()
    {
        var q = NttPrimes.Generate(12, [42])[0];
        var tables = new NttTables(new Modulus(q), 12);
        Assert.Equal(q - 1, tables.Modulus.Pow(tables.Root, (ulong)tables.N));
    }

    [Fact]
    public void A_modulus_that_is_not_one_mod_2N_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new NttTables(new Modulus(65537), 16));
        Assert.Throws<ArgumentException>(() => new NttTables(new Modulus(1_000_003), 4));
    }

    [Fact]
    public void A_wrong_length_is_refused()
    {
        var tables = new NttTables(new Modulus(NttPrimes.Generate(4, [30])[0]), 4);
        Assert.Throws<ArgumentException>(() => tables.Forward(new ulong[8]));
    }

    private static ulong[] Schoolbook(ulong[] a, ulong[] b, Modulus m)
    {
        var n = a.Length;
        var result = new ulong[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var product = m.Mul(a[i], b[j]);
                var k = i + j;
                result[k % n] = k < n ? m.Add(result[k], product) : m.Sub(result[k - n], product);
            }
        }
        return result;
    }
}
