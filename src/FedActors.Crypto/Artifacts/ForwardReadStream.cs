namespace FedActors.Crypto.Artifacts;

/// <summary>Base of the artifact streams: read-only, forward-only, no length; subclasses supply <see cref="Read(Span{byte})"/>.</summary>
internal abstract class ForwardReadStream : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException("an artifact stream is forward-only and has no length");

    public override long Position
    {
        get => throw new NotSupportedException("an artifact stream is forward-only");
        set => throw new NotSupportedException("an artifact stream is forward-only");
    }

    public abstract override int Read(Span<byte> buffer);

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("an artifact stream is forward-only");

    public override void SetLength(long value) => throw new NotSupportedException("an artifact stream is read-only");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("an artifact stream is read-only");
}
