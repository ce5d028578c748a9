using System.Buffers.Binary;
using FedActors.Remote.Protos;
using Google.Protobuf;

namespace FedActors.Remote.Framing;

/// <summary>
/// Writes length-prefixed frames into one reusable buffer and hands the stream large writes (many frames per
/// TLS record batch). An envelope larger than the maximum frame size is written as consecutive chunks.
/// </summary>
internal sealed class FrameWriter
{
    private const int FlushThreshold = 64 * 1024;

    // Room for the frame, chunk and length-prefix tags around a chunk's data.
    private const int ChunkOverhead = 32;
    private readonly Stream _stream;
    private readonly int _maximumFrameSize;
    private readonly byte[] _buffer;
    private int _length;

    public FrameWriter(Stream stream, int maximumFrameSize)
    {
        _stream = stream;
        _maximumFrameSize = maximumFrameSize;
        _buffer = new byte[maximumFrameSize + 4 + FlushThreshold];
    }

    /// <summary>True when buffered bytes should go to the stream before more are added.</summary>
    public bool ShouldFlush => _length >= FlushThreshold;

    /// <summary>Buffers a frame, or writes it as chunks when it exceeds the maximum frame size.</summary>
    public async ValueTask WriteAsync(Frame frame, CancellationToken cancellationToken)
    {
        var size = frame.CalculateSize();
        if (size <= _maximumFrameSize)
        {
            await AppendAsync(frame, size, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (frame.KindCase != Frame.KindOneofCase.Envelope)
        {
            throw new InvalidOperationException($"A {frame.KindCase} frame of {size} bytes exceeds the maximum frame size {_maximumFrameSize}.");
        }
        var bytes = frame.Envelope.ToByteArray();
        var piece = _maximumFrameSize - ChunkOverhead;
        for (var offset = 0; offset < bytes.Length; offset += piece)
        {
            var count = Math.Min(piece, bytes.Length - offset);
            var chunk = new Frame
            {
                Chunk = new Chunk
                {
                    Data = UnsafeByteOperations.UnsafeWrap(bytes.AsMemory(offset, count)),
                    Last = offset + count == bytes.Length,
                    TotalSize = offset == 0 ? (ulong)bytes.Length : 0,
                },
            };
            await AppendAsync(chunk, chunk.CalculateSize(), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes buffered frames to the stream and flushes it.</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_length > 0)
        {
            await _stream.WriteAsync(_buffer.AsMemory(0, _length), cancellationToken).ConfigureAwait(false);
            _length = 0;
        }
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask AppendAsync(Frame frame, int size, CancellationToken cancellationToken)
    {
        if (_length + 4 + size > _buffer.Length)
        {
            await _stream.WriteAsync(_buffer.AsMemory(0, _length), cancellationToken).ConfigureAwait(false);
            _length = 0;
        }
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), size);
        frame.WriteTo(_buffer.AsSpan(_length + 4, size));
        _length += 4 + size;
        if (ShouldFlush)
        {
            await _stream.WriteAsync(_buffer.AsMemory(0, _length), cancellationToken).ConfigureAwait(false);
            _length = 0;
        }
    }
}
