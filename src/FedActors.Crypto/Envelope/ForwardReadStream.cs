namespace FedActors.Crypto.Envelope;

/// <summary>
/// Base of the crypto streams that are read-only and forward-only, with no length until they end
/// (<see cref="ChunkedEncryptionStream"/>, <see cref="ChunkedDecryptionStream"/> and the artifact streams):
/// seeking, writing and asking for the length or position throw <see cref="NotSupportedException"/>,
/// and <see cref="CanRead"/> turns false once the stream is disposed.
/// </summary>
public abstract class ForwardReadStream : Stream
{
    private readonly string _name;

    /// <param name="name">How the stream is called in the messages of <see cref="NotSupportedException"/>, e.g. "a chunked decryption stream".</param>
    private protected ForwardReadStream(string name)
    {
        _name = name;
    }

    /// <summary>Whether <see cref="Stream.Dispose(bool)"/> has run.</summary>
    private protected bool IsDisposed { get; private set; }

    /// <inheritdoc />
    public override bool CanRead => !IsDisposed;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <summary>Not supported: the length is known only at the end.</summary>
    public override long Length => throw new NotSupportedException($"{_name} has no length until it ends");

    /// <summary>Not supported: the stream is forward-only.</summary>
    public override long Position
    {
        get => throw new NotSupportedException($"{_name} is forward-only");
        set => throw new NotSupportedException($"{_name} is forward-only");
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public abstract override int Read(Span<byte> buffer);

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <summary>Not supported: the stream is forward-only.</summary>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException($"{_name} is forward-only");

    /// <summary>Not supported: the stream is read-only.</summary>
    public override void SetLength(long value) => throw new NotSupportedException($"{_name} is read-only");

    /// <summary>Not supported: the stream is read-only.</summary>
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException($"{_name} is read-only");

    /// <summary>Marks the stream disposed; subclasses release what they own first.</summary>
    protected override void Dispose(bool disposing)
    {
        IsDisposed = true;
        base.Dispose(disposing);
    }
}
