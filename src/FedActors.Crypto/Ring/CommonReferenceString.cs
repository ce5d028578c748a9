using System.Buffers.Binary;
using System.Text;

namespace FedActors.Crypto.Ring;

/// <summary>
/// Public polynomials derived from a 32-byte seed by SHAKE-128 with domain separation: the input is
/// "FedActors/CRS/v1", the purpose (UTF-8, length-prefixed), the epoch and an index (both 64-bit little-endian) and
/// the seed. Distinct (purpose, epoch, index) triples give independent streams, so a CRS polynomial is never reused
/// across epochs or purposes. Anyone with the seed derives the same polynomials bit for bit.
/// </summary>
public static class CommonReferenceString
{
    /// <summary>The length of a CRS seed in bytes.</summary>
    public const int SeedLength = 32;

    private static readonly byte[] Domain = Encoding.ASCII.GetBytes("FedActors/CRS/v1");

    /// <summary>Returns the SHAKE-128 stream for (seed, purpose, epoch, index).</summary>
    /// <exception cref="ArgumentException">The seed is not 32 bytes or the purpose is empty.</exception>
    public static Shake128Stream Stream(ReadOnlySpan<byte> seed, string purpose, ulong epoch, ulong index, int expectedBytes = 4096)
    {
        if (seed.Length != SeedLength)
        {
            throw new ArgumentException($"A CRS seed is {SeedLength} bytes, got {seed.Length}.", nameof(seed));
        }
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        var purposeBytes = Encoding.UTF8.GetBytes(purpose);
        var input = new byte[Domain.Length + 4 + purposeBytes.Length + 16 + SeedLength];
        var span = input.AsSpan();
        Domain.CopyTo(span);
        span = span[Domain.Length..];
        BinaryPrimitives.WriteInt32LittleEndian(span, purposeBytes.Length);
        purposeBytes.CopyTo(span[4..]);
        span = span[(4 + purposeBytes.Length)..];
        BinaryPrimitives.WriteUInt64LittleEndian(span, epoch);
        BinaryPrimitives.WriteUInt64LittleEndian(span[8..], index);
        seed.CopyTo(span[16..]);
        return new Shake128Stream(input, expectedBytes);
    }

    /// <summary>
    /// Returns the uniform polynomial of <paramref name="ring"/> at <paramref name="level"/> (default: highest) for
    /// (seed, purpose, epoch, index). Rlwe reads it as an NTT-domain polynomial (the NTT of a uniform polynomial is uniform).
    /// </summary>
    public static RnsPolynomial Sample(RnsRing ring, ReadOnlySpan<byte> seed, string purpose, ulong epoch, ulong index, int level = -1)
    {
        ArgumentNullException.ThrowIfNull(ring);
        var limbs = level < 0 ? ring.MaxLevel + 1 : level + 1;
        var stream = Stream(seed, purpose, epoch, index, 9 * ring.N * limbs);
        return new UniformSampler(stream).Sample(ring, level);
    }
}
