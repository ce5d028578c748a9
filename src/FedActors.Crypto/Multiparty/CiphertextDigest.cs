using System.Buffers.Binary;
using System.Security.Cryptography;
using FedActors.Crypto.Envelope;
using FedActors.Crypto.Rlwe;

namespace FedActors.Crypto.Multiparty;

/// <summary>
/// The identity of a ciphertext for decryption bookkeeping: SHA-256 over a domain, the parameter fingerprint, the level
/// and the canonical bytes of c1 (every residue, reduced below its prime, as 64-bit little-endian words, limb after
/// limb). Two decryptions of the same c1 reveal c1·s twice, whatever c0 is, so c1 alone is what counts.
/// </summary>
public static class CiphertextDigest
{
    /// <summary>The length of a digest in bytes.</summary>
    public const int Length = 32;

    private static readonly byte[] Domain = new CanonicalEncoder("fedactors/ciphertext-c1/v1").ToArray();

    /// <summary>Returns the digest of <paramref name="ciphertext"/>'s c1.</summary>
    public static byte[] Compute(RlweParameters parameters, Ciphertext ciphertext)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(ciphertext);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Domain);
        hash.AppendData(parameters.Fingerprint);
        Span<byte> word = stackalloc byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(word, ciphertext.Level);
        hash.AppendData(word[..4]);
        var buffer = new byte[8 * 1024];
        var residues = ciphertext.C1.Residues;
        for (var start = 0; start < residues.Length; start += 1024)
        {
            var count = Math.Min(1024, residues.Length - start);
            for (var k = 0; k < count; k++)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(buffer.AsSpan(8 * k), residues[start + k]);
            }
            hash.AppendData(buffer, 0, 8 * count);
        }
        return hash.GetHashAndReset();
    }
}
