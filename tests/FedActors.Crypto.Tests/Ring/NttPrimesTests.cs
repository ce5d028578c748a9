using FedActors.Crypto.Ring;

namespace FedActors.Crypto.Tests.Ring;

public sealed class NttPrimesTests
{
    [Theory]
    [InlineData(10, new[] { 27 })]
    [InlineData(12, new[] { 42, 42, 25 })]
    [InlineData(13, new[] { 60, 40, 60 })]
    [InlineData(14, new[] { 60, 40, 40, 60 })]
    [InlineData(15, new[] { 61, 61, 50, 50, 50 })]
    public void Generated_primes_are_prime_distinct_of_the_requested_width_and_one_mod_2N(int logN, int[] bits)
    {
        var primes = NttPrimes.Generate(logN, bits);
        Assert.Equal(bits.Length, primes.Distinct().Count());
        for (var i = 0; i < bits.Length; i++)
        {
            Assert.True(NttPrimes.IsPrime(primes[i]));
            Assert.Equal(1UL, primes[i] % (2UL << logN));
            Assert.Equal(bits[i], 64 - System.Numerics.BitOperations.LeadingZeroCount(primes[i]));
        }
        Assert.Equal(primes, NttPrimes.Generate(logN, bits));
    }

    [Fact]
    public void Primality_agrees_with_trial_division_below_100000()
    {
        for (ulong n = 0; n < 100_000; n++)
        {
            Assert.Equal(TrialDivision(n), NttPrimes.IsPrime(n));
        }
    }

    [Theory]
    [InlineData(3_215_031_751UL)]               // strong pseudoprime to bases 2, 3, 5, 7
    [InlineData(3_825_123_056_546_413_051UL)]   // strong pseudoprime to the first nine prime bases
    [InlineData(561UL)]                         // Carmichael number
    [InlineData(4_611_686_014_132_420_609UL)] // (2^31-1)^2
    public void Known_pseudoprimes_are_composite(ulong n) => Assert.False(NttPrimes.IsPrime(n));

    [Theory]
    [InlineData(18_446_744_073_709_551_557UL)]  // largest 64-bit prime
    [InlineData(2_305_843_009_213_693_951UL)]   // 2^61 − 1
    public void Large_known_primes_are_prime(ulong n) => Assert.True(NttPrimes.IsPrime(n));

    [Fact]
    public void Widths_outside_the_supported_range_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NttPrimes.Generate(12, [62]));
        Assert.Throws<ArgumentOutOfRangeException>(() => NttPrimes.Generate(12, [13]));
    }

    private static bool TrialDivision(ulong n)
    {
        if (n < 2)
        {
            return false;
        }
        for (ulong d = 2; d * d <= n; d++)
        {
            if (n % d == 0)
            {
                return false;
            }
        }
        return true;
    }
}
