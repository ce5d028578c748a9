using System.Buffers.Binary;

namespace FedActors.Crypto.Envelope;

/// <summary>
/// The STREAM nonce of Hoang, Reyhanitabar, Rogaway and Vizár (CRYPTO 2015): a 7-byte per-stream
/// prefix, the 4-byte big-endian chunk index and a 1-byte final-chunk flag. Binding index and flag
/// into the nonce makes reordering, truncation and extension fail authentication.
/// </summary>
internal static class ChunkNonce
{
    public const int PrefixSize = 7;
    public const int Size = 12;

    public static void Build(ReadOnlySpan<byte> prefix, uint index, bool final, Span<byte> nonce)
    {
        prefix.CopyTo(nonce);
        BinaryPrimitives.WriteUInt32BigEndian(nonce[PrefixSize..], index);
        nonce[Size - 1] = final ? (byte)1 : (byte)0;
    }
}
