using System.Security.Cryptography;

namespace FedActors.Crypto.Ring;

/// <summary>
/// Samples polynomials with independent coefficients uniform in {−1, 0, 1} (variance 2/3): the secret distribution
/// of the 128-bit security table, and the encryption randomness u of public-key encryption.
/// </summary>
public sealed class TernarySampler
{
    private readonly IRandomSource _source;
    private sbyte[] _scratch = [];

    /// <summary>Creates a sampler that reads <paramref name="source"/>.</summary>
    public TernarySampler(IRandomSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
    }

    /// <summary>The variance of one coefficient, 2/3.</summary>
    public static double Variance => 2.0 / 3.0;

    /// <summary>Fills <paramref name="values"/> with independent uniform ternary values.</summary>
    public void Sample(Span<sbyte> values)
    {
        Span<byte> buffer = stackalloc byte[4096];
        var position = buffer.Length;
        for (var j = 0; j < values.Length;)
        {
            if (position == buffer.Length)
            {
                _source.Fill(buffer);
                position = 0;
            }
            // 255 = 3·85: rejecting the byte 255 leaves a multiple of 3 equally likely bytes, so b mod 3 is uniform.
            var b = buffer[position++];
            if (b < 255)
            {
                values[j++] = (sbyte)(b % 3 - 1);
            }
        }
        CryptographicOperations.ZeroMemory(buffer);
    }

    /// <summary>Overwrites every limb of <paramref name="result"/> (coefficient domain) with one ternary polynomial. Not thread-safe.</summary>
    public void Sample(RnsRing ring, RnsPolynomial result)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(result);
        if (_scratch.Length != ring.N)
        {
            _scratch = new sbyte[ring.N];
        }
        var values = _scratch;
        Sample(values);
        for (var i = 0; i < result.LimbCount; i++)
        {
            var q = ring.Moduli[i].Value;
            var limb = result.Limb(i);
            for (var j = 0; j < values.Length; j++)
            {
                // Branch-free: v = −1 becomes q − 1, 0 and 1 stay.
                var v = values[j];
                limb[j] = (ulong)(long)v + (q & (ulong)(long)(v >> 7));
            }
        }
        CryptographicOperations.ZeroMemory(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
    }
}
