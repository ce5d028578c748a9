using FedActors.Crypto.Envelope;

namespace FedActors.Crypto.Artifacts;

/// <summary>Yields an artifact's authenticated plaintext, reporting chunk failures as <see cref="ArtifactException"/> naming the source.</summary>
internal sealed class ArtifactDecryptingStream(ChunkedDecryptionStream chunks, string sourceName) : ForwardReadStream("an artifact stream")
{
    public override int Read(Span<byte> buffer)
    {
        try
        {
            return chunks.Read(buffer);
        }
        catch (EnvelopeException e)
        {
            throw new ArtifactException($"{sourceName}: {e.Message}", e);
        }
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
