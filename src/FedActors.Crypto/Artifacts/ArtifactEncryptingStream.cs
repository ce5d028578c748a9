using FedActors.Crypto.Envelope;

namespace FedActors.Crypto.Artifacts;

/// <summary>Yields an artifact: its header, then the chunks encrypted from the plaintext.</summary>
internal sealed class ArtifactEncryptingStream(byte[] header, ChunkedEncryptionStream chunks) : ForwardReadStream("an artifact stream")
{
    private int _headerOffset;

    public override int Read(Span<byte> buffer)
    {
        if (_headerOffset < header.Length)
        {
            var count = Math.Min(buffer.Length, header.Length - _headerOffset);
            header.AsSpan(_headerOffset, count).CopyTo(buffer);
            _headerOffset += count;
            return count;
        }
        return chunks.Read(buffer);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            chunks.Dispose();
        }
        base.Dispose(disposing);
    }
}
