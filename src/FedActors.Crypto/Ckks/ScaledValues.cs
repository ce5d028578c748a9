using System.Globalization;
using System.Numerics;
using FedActors.Crypto.Ring;

namespace FedActors.Crypto.Ckks;

/// <summary>Validation, scaling and RNS conversion of real values shared by both encoders.</summary>
internal static class ScaledValues
{
    /// <summary>
    /// Writes round(x·scale) of each value into <paramref name="scaled"/> and returns the largest |round(x·scale)|.
    /// Rejects NaN, infinities and values whose scaled magnitude reaches Q/4, naming the value's index plus
    /// <paramref name="firstIndex"/> (its position in the caller's whole vector).
    /// </summary>
    public static double Scale(ReadOnlySpan<double> values, double scale, BigInteger modulus, int firstIndex, Span<double> scaled)
    {
        if (!(scale >= 1) || double.IsInfinity(scale))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "The scale must be at least 1 and finite.");
        }
        // Q/4 is the capacity limit; 2^126 keeps the exact conversion through a 128-bit integer valid.
        var limit = Math.Min((double)(modulus / 4), Math.Pow(2, 126));
        var bound = 0.0;
        for (var j = 0; j < values.Length; j++)
        {
            var x = values[j];
            if (!double.IsFinite(x))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"values[{firstIndex + j}] = {x} is not a finite number; only finite values can be encoded."), nameof(values));
            }
            var v = Math.Round(x * scale, MidpointRounding.ToEven);
            if (Math.Abs(v) >= limit)
            {
                throw new ArgumentOutOfRangeException(nameof(values), x, string.Create(CultureInfo.InvariantCulture,
                    $"values[{firstIndex + j}] = {x} overflows the modulus at scale 2^{Math.Log2(scale):F1}: |x·Δ| must stay below Q/4 = 2^{Math.Log2(limit):F1}, i.e. |x| < {limit / scale:G6}."));
            }
            scaled[j] = v;
            bound = Math.Max(bound, Math.Abs(v));
        }
        return bound;
    }

    /// <summary>Writes the integers held exactly in <paramref name="scaled"/> (|v| &lt; 2^127) into every limb of <paramref name="result"/>.</summary>
    public static void Write(ReadOnlySpan<double> scaled, RnsRing ring, RnsPolynomial result)
    {
        for (var i = 0; i < result.LimbCount; i++)
        {
            var m = ring.Moduli[i];
            var limb = result.Limb(i);
            for (var j = 0; j < scaled.Length; j++)
            {
                var v = scaled[j];
                if (Math.Abs(v) < 9.2e18)
                {
                    limb[j] = m.ReduceSigned((long)v);
                    continue;
                }
                // A double is an integer times a power of two, so the conversion to a 128-bit integer is exact.
                var magnitude = (UInt128)Math.Abs(v);
                var reduced = m.Reduce128(m.Reduce((ulong)(magnitude >> 64)), (ulong)magnitude);
                limb[j] = v < 0 ? m.Negate(reduced) : reduced;
            }
        }
    }
}
