namespace FedActors.Crypto.Ring;

/// <summary>
/// Generation and testing of NTT-friendly primes: primes q with q ≡ 1 (mod 2N), so that Z_q holds a primitive
/// 2N-th root of unity and the negacyclic NTT of length N exists.
/// </summary>
public static class NttPrimes
{
    // The first twelve primes as Miller–Rabin bases decide primality for every n < 3.3·10^24 (Sorenson and Webster,
    // 2015), hence for every 64-bit integer: the test below is a proof, not a probabilistic guess.
    private static readonly ulong[] WitnessBases = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37];

    /// <summary>
    /// Returns one prime per requested width, in the requested order: for each width b, the largest prime below 2^b
    /// that is ≡ 1 (mod 2N) and was not already returned. The result depends only on the arguments.
    /// </summary>
    /// <param name="logN">log2 of the ring degree N (1 to 17).</param>
    /// <param name="bitSizes">The requested widths, each in [logN + 2, 61].</param>
    /// <exception cref="ArgumentOutOfRangeException">A width is out of range or logN is unsupported.</exception>
    /// <exception cref="InvalidOperationException">Not enough primes of a width exist for N.</exception>
    public static ulong[] Generate(int logN, IReadOnlyList<int> bitSizes)
    {
        ArgumentNullException.ThrowIfNull(bitSizes);
        if (logN is < 1 or > 17)
        {
            throw new ArgumentOutOfRangeException(nameof(logN), logN, "log2 N must be in [1, 17].");
        }
        var step = 2UL << logN;
        var used = new HashSet<ulong>();
        var result = new ulong[bitSizes.Count];
        for (var i = 0; i < bitSizes.Count; i++)
        {
            var bits = bitSizes[i];
            if (bits < logN + 2 || bits > Modulus.MaxBits)
            {
                throw new ArgumentOutOfRangeException(nameof(bitSizes), bits,
                    $"Prime width {i} must be in [{logN + 2}, {Modulus.MaxBits}] bits for N = 2^{logN}.");
            }
            var lower = 1UL << (bits - 1);
            var candidate = (1UL << bits) - step + 1;
            while (candidate > lower && (used.Contains(candidate) || !IsPrime(candidate)))
            {
                candidate -= step;
            }
            if (candidate <= lower)
            {
                throw new InvalidOperationException($"No unused {bits}-bit prime ≡ 1 mod 2^{logN + 1} is left.");
            }
            used.Add(candidate);
            result[i] = candidate;
        }
        return result;
    }

    /// <summary>Decides primality of any 64-bit integer exactly (deterministic Miller–Rabin).</summary>
    public static bool IsPrime(ulong n)
    {
        if (n < 2)
        {
            return false;
        }
        foreach (var p in WitnessBases)
        {
            if (n % p == 0)
            {
                return n == p;
            }
        }
        var d = n - 1;
        var r = 0;
        while ((d & 1) == 0)
        {
            d >>= 1;
            r++;
        }
        foreach (var a in WitnessBases)
        {
            var x = PowMod(a, d, n);
            if (x == 1 || x == n - 1)
            {
                continue;
            }
            var composite = true;
            for (var i = 1; i < r; i++)
            {
                x = MulMod(x, x, n);
                if (x == n - 1)
                {
                    composite = false;
                    break;
                }
            }
            if (composite)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Returns true when q is prime and q ≡ 1 (mod 2N) for N = 2^logN.</summary>
    public static bool IsNttFriendly(ulong q, int logN) => q % (2UL << logN) == 1 && IsPrime(q);

    private static ulong MulMod(ulong a, ulong b, ulong m) => (ulong)((UInt128)a * b % m);

    private static ulong PowMod(ulong b, ulong e, ulong m)
    {
        var result = 1UL;
        b %= m;
        while (e != 0)
        {
            if ((e & 1) != 0)
            {
                result = MulMod(result, b, m);
            }
            b = MulMod(b, b, m);
            e >>= 1;
        }
        return result;
    }
}
