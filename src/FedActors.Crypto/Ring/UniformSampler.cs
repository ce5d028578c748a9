using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;

namespace FedActors.Crypto.Ring;

/// <summary>
/// Samples polynomials whose residues are independent and uniform in [0, q_i) for every limb, by rejection: each
/// candidate is 8 bytes of the source masked to the prime's width, kept when below q_i. With a <see cref="Shake128Stream"/>
/// source the result is a public polynomial anyone holding the seed re-derives bit for bit.
/// </summary>
public sealed class UniformSampler
{
    private readonly IRandomSource _source;

    /// <summary>Creates a sampler that reads <paramref name="source"/>.</summary>
    public UniformSampler(IRandomSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
    }

    /// <summary>Returns a new uniform polynomial of <paramref name="ring"/> at <paramref name="level"/> (default: highest).</summary>
    public RnsPolynomial Sample(RnsRing ring, int level = -1)
    {
        ArgumentNullException.ThrowIfNull(ring);
        var p = ring.NewPolynomial(level);
        Sample(ring, p);
        return p;
    }

    /// <summary>Overwrites every limb of <paramref name="result"/> with uniform residues.</summary>
    public void Sample(RnsRing ring, RnsPolynomial result)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(result);
        var n = ring.N;
        var buffer = new byte[8 * n];
        for (var i = 0; i < result.LimbCount; i++)
        {
            var q = ring.Moduli[i].Value;
            var mask = ulong.MaxValue >> BitOperations.LeadingZeroCount(q);
            var limb = result.Limb(i);
            var filled = 0;
            var position = buffer.Length;
            while (filled < n)
            {
                if (position == buffer.Length)
                {
                    _source.Fill(buffer);
                    position = 0;
                }
                var candidate = BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(position)) & mask;
                position += 8;
                if (candidate < q)
                {
                    limb[filled++] = candidate;
                }
            }
        }
        CryptographicOperations.ZeroMemory(buffer);
    }
}
