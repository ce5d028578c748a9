using System.Numerics;
using System.Runtime.CompilerServices;

namespace FedActors.Crypto.Ring;

/// <summary>
/// A word-sized prime modulus q (2 ≤ q &lt; 2^61) with the constants that make modular arithmetic fast:
/// a Barrett ratio ⌊2^128 / q⌋ for products of two residues and Shoup companions for products by a fixed operand.
/// Every method that returns a residue returns it in [0, q) unless its documentation says otherwise.
/// </summary>
public sealed class Modulus
{
    /// <summary>The largest supported modulus width in bits; 4q must fit in 63 bits for the lazy NTT butterflies.</summary>
    public const int MaxBits = 61;

    private readonly ulong _ratioHigh;
    private readonly ulong _ratioLow;

    /// <summary>Creates the modulus <paramref name="value"/>; it must be at least 2 and below 2^61.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [2, 2^61).</exception>
    public Modulus(ulong value)
    {
        if (value < 2 || value >= 1UL << MaxBits)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"A modulus must be in [2, 2^{MaxBits}).");
        }
        Value = value;
        BitLength = 64 - BitOperations.LeadingZeroCount(value);
        var ratio = UInt128.MaxValue / value;
        _ratioHigh = (ulong)(ratio >> 64);
        _ratioLow = (ulong)ratio;
    }

    /// <summary>The modulus q.</summary>
    public ulong Value { get; }

    /// <summary>The number of significant bits of q, which is also the width of a packed residue.</summary>
    public int BitLength { get; }

    /// <summary>Returns (a + b) mod q for a, b in [0, q).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Add(ulong a, ulong b) => ReduceOnce(a + b);

    /// <summary>Returns (a − b) mod q for a, b in [0, q).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Sub(ulong a, ulong b) => ReduceOnce(a + Value - b);

    /// <summary>Returns (−a) mod q for a in [0, q).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Negate(ulong a) => ReduceOnce(Value - a);

    /// <summary>Returns a·b mod q for a, b in [0, q) by Barrett reduction of the 128-bit product.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Mul(ulong a, ulong b)
    {
        var high = Math.BigMul(a, b, out var low);
        return Reduce128(high, low);
    }

    /// <summary>Returns (high·2^64 + low) mod q for any 128-bit value below q·2^64.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Reduce128(ulong high, ulong low)
    {
        // Quotient estimate ⌊z·⌊2^128/q⌋ / 2^128⌋ from the partial products that reach the upper word (the lowest one
        // only through its carry); it undershoots the true quotient by at most 2, hence two corrections.
        var carry = Math.BigMul(low, _ratioLow, out _);
        var h1 = Math.BigMul(low, _ratioHigh, out var l1);
        var h2 = Math.BigMul(high, _ratioLow, out var l2);
        var middle = l1 + l2;
        var c1 = middle < l1 ? 1UL : 0UL;
        var middle2 = middle + carry;
        var c2 = middle2 < middle ? 1UL : 0UL;
        var quotient = high * _ratioHigh + h1 + h2 + c1 + c2;
        return ReduceOnce(ReduceOnce(low - quotient * Value));
    }

    /// <summary>Returns a mod q for any 64-bit a.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Reduce(ulong a)
    {
        // One-word Barrett with ⌊2^128/q⌋'s upper word = ⌊2^64/q⌋: the estimate undershoots by at most 2.
        var quotient = Math.BigMul(a, _ratioHigh, out _);
        return ReduceOnce(ReduceOnce(a - quotient * Value));
    }

    /// <summary>Returns a mod q in [0, q) for any signed 64-bit a.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong ReduceSigned(long a)
    {
        if (a >= 0)
        {
            return (ulong)a < Value ? (ulong)a : Reduce((ulong)a);
        }
        if (a > -(long)Value)
        {
            return (ulong)(a + (long)Value);
        }
        var r = Reduce((ulong)(-(a + 1)) + 1);
        return r == 0 ? 0 : Value - r;
    }

    /// <summary>Returns the integer x mod q in [0, q) for any (possibly negative) big integer.</summary>
    public ulong Reduce(BigInteger x)
    {
        var r = BigInteger.Remainder(x, Value);
        return (ulong)(r.Sign < 0 ? r + Value : r);
    }

    /// <summary>Returns the Shoup companion ⌊w·2^64 / q⌋ of an operand w in [0, q).</summary>
    public ulong ShoupCompanion(ulong w) => (ulong)(((UInt128)w << 64) / Value);

    /// <summary>Returns a·w mod q for any 64-bit a, given w in [0, q) and its Shoup companion, fully reduced.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong MulShoup(ulong a, ulong w, ulong wShoup)
    {
        return ReduceOnce(MulShoupLazy(a, w, wShoup));
    }

    /// <summary>Returns a value congruent to a·w mod q in [0, 2q), given w in [0, q) and its Shoup companion.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong MulShoupLazy(ulong a, ulong w, ulong wShoup)
    {
        var quotient = Math.BigMul(a, wShoup, out _);
        return unchecked(a * w - quotient * Value);
    }

    /// <summary>Returns b^e mod q.</summary>
    public ulong Pow(ulong b, ulong e)
    {
        var result = 1UL % Value;
        var x = Reduce(b);
        while (e != 0)
        {
            if ((e & 1) != 0)
            {
                result = Mul(result, x);
            }
            x = Mul(x, x);
            e >>= 1;
        }
        return result;
    }

    /// <summary>Returns the inverse of a modulo the prime q.</summary>
    /// <exception cref="ArgumentException">a is 0 modulo q.</exception>
    public ulong Inverse(ulong a)
    {
        var x = Reduce(a);
        if (x == 0)
        {
            throw new ArgumentException($"0 has no inverse modulo {Value}.", nameof(a));
        }
        return Pow(x, Value - 2);
    }

    /// <summary>Maps x in [0, 2q) to x mod q without a branch (a mispredicted branch costs more than the arithmetic).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong ReduceOnce(ulong x) => x - (Value & (ulong)((long)(Value - 1 - x) >> 63));

    /// <summary>Returns the centered representative of a residue: a value in (−q/2, q/2].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Center(ulong a) => a > Value >> 1 ? -(long)(Value - a) : (long)a;

    /// <inheritdoc />
    public override string ToString() => $"q = {Value} ({BitLength} bits)";
}
