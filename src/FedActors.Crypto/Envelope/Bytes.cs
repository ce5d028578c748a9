namespace FedActors.Crypto.Envelope;

/// <summary>Byte-string helpers shared by the envelope formats.</summary>
internal static class Bytes
{
    /// <summary>Concatenates two spans; used to prepend a fixed-size header to caller associated data.</summary>
    public static byte[] Concat(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        var result = new byte[first.Length + second.Length];
        first.CopyTo(result);
        second.CopyTo(result.AsSpan(first.Length));
        return result;
    }
}
