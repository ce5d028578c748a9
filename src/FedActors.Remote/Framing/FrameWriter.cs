using System.Buffers.Binary;
using FedActors.Remote.Protos;
using Google.Protobuf;

namespace FedActors.Remote.Framing;

/// <summary>
/// Writes length-prefixed frames into one reusable buffer and hands the stream large writes (many frames per
/// TLS record batch). An envelope larger than the maximum frame size is written as chunks (see remote.proto): a
/// first chunk with the envelope's fields up to the payload's tag and length, then chunks whose headers are
/// buffered and whose data is written to the stream straight from the payload, so the payload is never copied
/// before TLS encrypts it.
/// </summary>
internal sealed class FrameWriter
{
    private const int FlushThreshold = 64 * 1024;

    // Payload slices up to this size are copied into the buffer with their header; larger ones go to the stream directly.
    private const int DirectWriteThreshold = 16 * 1024;

    // The bytes of a chunk frame around its data: length prefix (4), frame tag (1) and chunk length (≤ 5),
    // total_size (≤ 11), last (2), data tag (1) and data length (≤ 5).
    private const int ChunkOverhead = 32;
    private const byte ChunkFrameTag = 0x1A;
    private const byte ChunkDataTag = 0x0A;
    private const byte ChunkLastTag = 0x10;
    private const byte ChunkTotalSizeTag = 0x18;
    private const byte EnvelopePayloadTag = 0x2A;
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
        await WriteChunkedAsync(frame.Envelope, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes buffered frames to the stream and flushes it.</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        await WriteBufferAsync(cancellationToken).ConfigureAwait(false);
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask WriteChunkedAsync(Envelope envelope, CancellationToken cancellationToken)
    {
        var payload = envelope.Payload.Memory;
        var fields = new Envelope { Recipient = envelope.Recipient, Sender = envelope.Sender, SerializerId = envelope.SerializerId, Manifest = envelope.Manifest };
        var fieldsSize = fields.CalculateSize();
        var headerSize = fieldsSize + 1 + CodedOutputStream.ComputeLengthSize(payload.Length);
        var piece = _maximumFrameSize - ChunkOverhead;
        if (headerSize > piece)
        {
            throw new InvalidOperationException($"The envelope's paths and manifest take {headerSize} bytes, more than fit in one frame of {_maximumFrameSize} bytes.");
        }
        var total = (ulong)(headerSize + payload.Length);
        await ReserveAsync(ChunkOverhead + headerSize, cancellationToken).ConfigureAwait(false);
        var data = WriteChunkHeader(headerSize, total, last: false);
        fields.WriteTo(data[..fieldsSize]);
        data[fieldsSize] = EnvelopePayloadTag;
        WriteVarint(data[(fieldsSize + 1)..], (uint)payload.Length);
        _length += headerSize;
        for (var offset = 0; offset < payload.Length; offset += piece)
        {
            var slice = payload.Slice(offset, Math.Min(piece, payload.Length - offset));
            var last = offset + slice.Length == payload.Length;
            if (slice.Length <= DirectWriteThreshold)
            {
                await ReserveAsync(ChunkOverhead + slice.Length, cancellationToken).ConfigureAwait(false);
                slice.Span.CopyTo(WriteChunkHeader(slice.Length, 0, last));
                _length += slice.Length;
            }
            else
            {
                await ReserveAsync(ChunkOverhead, cancellationToken).ConfigureAwait(false);
                WriteChunkHeader(slice.Length, 0, last);
                await WriteBufferAsync(cancellationToken).ConfigureAwait(false);
                await _stream.WriteAsync(slice, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // Writes a chunk frame's prefix and header with the data field last (the reader relies on it) and returns the
    // buffer span where its data goes; the caller adds the data length to _length once the data is in place.
    private Span<byte> WriteChunkHeader(int dataLength, ulong totalSize, bool last)
    {
        var fieldsLength = 1 + CodedOutputStream.ComputeLengthSize(dataLength) + dataLength
            + (totalSize == 0 ? 0 : 1 + CodedOutputStream.ComputeUInt64Size(totalSize))
            + (last ? 2 : 0);
        var frameLength = 1 + CodedOutputStream.ComputeLengthSize(fieldsLength) + fieldsLength;
        var span = _buffer.AsSpan(_length);
        BinaryPrimitives.WriteInt32BigEndian(span, frameLength);
        var position = 4;
        span[position++] = ChunkFrameTag;
        position += WriteVarint(span[position..], (uint)fieldsLength);
        if (totalSize != 0)
        {
            span[position++] = ChunkTotalSizeTag;
            position += WriteVarint(span[position..], totalSize);
        }
        if (last)
        {
            span[position++] = ChunkLastTag;
            span[position++] = 1;
        }
        span[position++] = ChunkDataTag;
        position += WriteVarint(span[position..], (uint)dataLength);
        _length += position;
        return span.Slice(position, dataLength);
    }

    private static int WriteVarint(Span<byte> destination, ulong value)
    {
        var count = 0;
        while (value >= 0x80)
        {
            destination[count++] = (byte)(value | 0x80);
            value >>= 7;
        }
        destination[count++] = (byte)value;
        return count;
    }

    private async ValueTask AppendAsync(Frame frame, int size, CancellationToken cancellationToken)
    {
        await ReserveAsync(4 + size, cancellationToken).ConfigureAwait(false);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), size);
        frame.WriteTo(_buffer.AsSpan(_length + 4, size));
        _length += 4 + size;
        if (_length >= FlushThreshold)
        {
            await WriteBufferAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    // Makes room for count more bytes in the buffer by writing what it holds to the stream.
    private ValueTask ReserveAsync(int count, CancellationToken cancellationToken) =>
        _length + count > _buffer.Length ? WriteBufferAsync(cancellationToken) : ValueTask.CompletedTask;

    private async ValueTask WriteBufferAsync(CancellationToken cancellationToken)
    {
        if (_length > 0)
        {
            await _stream.WriteAsync(_buffer.AsMemory(0, _length), cancellationToken).ConfigureAwait(false);
            _length = 0;
        }
    }
}
