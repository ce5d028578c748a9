using System.Numerics;
using FedActors.Crypto.Ring;

namespace FedActors.Crypto.Tests.Ring;

public sealed class ModulusTests
{
    public static TheoryData<ulong> Moduli => new() { 3, 65537, 1_152_921_504_606_830_593UL, (1UL << 61) - 1, 1_099_511_480_321UL, 12289 };

    [Theory]
    [MemberData(nameof(Moduli))]
    public void Products_reductions_and_inverses_match_BigInteger(ulong q)
    {
        var m = new Modulus(q);
        var random = new Random(7);
        for (var i = 0; i < 20_000; i++)
        {
            var a = i < 4 ? q - 1 - (ulong)i % q : (ulong)random.NextInt64(0, (long)q);
            var b = i < 4 ? q - 1 : (ulong)random.NextInt64(0, (long)q);
            Assert.Equal((ulong)((BigInteger)a * b % q), m.Mul(a, b));
            Assert.Equal((ulong)(((BigInteger)a + b) % q), m.Add(a, b));
            Assert.Equal((ulong)((((BigInteger)a - b) % q + q) % q), m.Sub(a, b));
            var w = (ulong)random.NextInt64(0, (long)q);
            var any = (ulong)random.NextInt64() * 2 + 1;
            Assert.Equal((ulong)((BigInteger)any * w % q), m.MulShoup(any, w, m.ShoupCompanion(w)));
            var signed = random.NextInt64(long.MinValue, long.MaxValue);
            Assert.Equal((ulong)((signed % (BigInteger)q + q) % q), m.ReduceSigned(signed));
        }
        Assert.Equal(m.ReduceSigned(long.MinValue), (ulong)((long.MinValue % (BigInteger)q + q) % q));
        var x = (ulong)random.NextInt64(1, (long)q);
        Assert.Equal(1UL, m.Mul(x, m.Inverse(x)));
    }

    [Fact]
    public void Centering_maps_residues_into_the_symmetric_range()
    {
        var m = new Modulus(17);
        Assert.Equal(8, m.Center(8));
        Assert.Equal(-8, m.Center(9));
        Assert.Equal(-1, m.Center(16));
    }

    [Fact]
    public void Moduli_outside_the_supported_range_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Modulus(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Modulus(1UL << 61));
    }
}
