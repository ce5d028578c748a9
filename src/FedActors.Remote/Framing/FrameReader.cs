using System.Buffers;
using System.Buffers.Binary;
using FedActors.Remote.Protos;
using Google.Protobuf;

namespace FedActors.Remote.Framing;

/// <summary>
/// Reads length-prefixed frames (4-byte big-endian length, then a protobuf <see cref="Frame"/>) from a stream
/// through one reusable buffer. A declared length above the maximum is refused before anything is allocated.
/// A chunked envelope (see remote.proto) is reassembled without intermediate copies: its first chunk gives the
/// envelope's fields and payload length (bounded by the maximum message size), and the data of the following
/// chunks is read from the stream straight into the payload's buffer. That buffer is the payload array itself
/// when the serializer's message is that array, and otherwise an array rented from the shared pool, valid until
/// the next <see cref="ReadAsync"/> call.
/// </summary>
internal sealed class FrameReader
{
    private const int MinimumBuffer = 64 * 1024;

    // A chunk frame's tag, length and fields before its data (total_size, last, data tag and length) fit in 32 bytes.
    private const int ChunkHeaderWindow = 32;
    private const byte ChunkFrameTag = 0x1A;
    private const byte ChunkDataTag = 0x0A;
    private const byte ChunkLastTag = 0x10;
    private const byte ChunkTotalSizeTag = 0x18;
    private const uint EnvelopePayloadTag = 0x2A;
    private readonly Stream _stream;
    private readonly int _maximumFrameSize;
    private readonly long _maximumMessageSize;
    private readonly Func<int, bool> _payloadIsMessage;
    private byte[] _buffer = new byte[MinimumBuffer];
    private int _start;
    private int _end;
    private Envelope? _chunked;
    private byte[]? _payload;
    private int _payloadSize;
    private int _payloadReceived;
    private byte[]? _rented;

    /// <param name="stream">The stream to read frames from.</param>
    /// <param name="maximumFrameSize">The largest frame accepted (<c>maximum-frame-size</c>).</param>
    /// <param name="maximumMessageSize">The largest chunked envelope accepted (<c>maximum-message-size</c>).</param>
    /// <param name="payloadIsMessage">
    /// True for a serializer id whose deserialized message is the payload array itself (<c>byte[]</c>); such
    /// payloads get an array of their exact size that the reader never reuses.
    /// </param>
    public FrameReader(Stream stream, int maximumFrameSize, long maximumMessageSize, Func<int, bool> payloadIsMessage)
    {
        _stream = stream;
        _maximumFrameSize = maximumFrameSize;
        _maximumMessageSize = maximumMessageSize;
        _payloadIsMessage = payloadIsMessage;
    }

    /// <summary>
    /// The next frame, or null at a clean end of stream between frames. Chunk frames are consumed here: the
    /// envelope they carry is returned as one envelope frame after its last chunk. A pooled payload buffer of the
    /// previous frame goes back to the pool at this call.
    /// </summary>
    /// <exception cref="FrameFormatException">The bytes are not a valid frame.</exception>
    public async ValueTask<Frame?> ReadAsync(CancellationToken cancellationToken)
    {
        if (_rented is not null)
        {
            ArrayPool<byte>.Shared.Return(_rented);
            _rented = null;
        }
        while (true)
        {
            if (!await FillAsync(4, cancellationToken).ConfigureAwait(false))
            {
                if (_chunked is not null)
                {
                    throw new FrameFormatException("stream ended inside a chunked message");
                }
                return null;
            }
            var length = BinaryPrimitives.ReadInt32BigEndian(_buffer.AsSpan(_start, 4));
            if (length <= 0 || length > _maximumFrameSize)
            {
                throw new FrameFormatException($"frame length {length} is outside 1..{_maximumFrameSize} (fedactors.remote.maximum-frame-size)");
            }
            _start += 4;
            await FillFrameAsync(1, length, cancellationToken).ConfigureAwait(false);
            if (_buffer[_start] == ChunkFrameTag)
            {
                if (await ReadChunkAsync(length, cancellationToken).ConfigureAwait(false) is { } envelope)
                {
                    return new Frame { Envelope = envelope };
                }
                continue;
            }
            if (_chunked is not null)
            {
                throw new FrameFormatException("a frame interrupted a chunked message");
            }
            await FillFrameAsync(length, length, cancellationToken).ConfigureAwait(false);
            var start = _start;
            _start += length;
            return Decode(start, length);
        }
    }

    private Frame Decode(int start, int length)
    {
        Frame frame;
        try
        {
            frame = Frame.Parser.ParseFrom(_buffer.AsSpan(start, length));
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new FrameFormatException($"frame of {length} bytes is not a protobuf frame: {e.Message}", e);
        }
        return frame.KindCase == Frame.KindOneofCase.None
            ? throw new FrameFormatException($"frame of {length} bytes has no known kind")
            : frame;
    }

    // Chunks are decoded by hand so that their data moves once, from the stream into the payload buffer. Returns
    // the envelope after its last chunk, null before.
    private async ValueTask<Envelope?> ReadChunkAsync(int length, CancellationToken cancellationToken)
    {
        await FillFrameAsync(Math.Min(length, ChunkHeaderWindow), length, cancellationToken).ConfigureAwait(false);
        var (dataStart, total, last) = ParseChunkHeader(_buffer.AsSpan(_start, Math.Min(length, ChunkHeaderWindow)), length);
        _start += dataStart;
        var count = length - dataStart;
        if (_chunked is null)
        {
            await FillFrameAsync(count, count, cancellationToken).ConfigureAwait(false);
            StartMessage(_buffer.AsSpan(_start, count), total);
            _start += count;
        }
        else
        {
            if (total != 0)
            {
                throw new FrameFormatException("a chunked message began before the previous one ended");
            }
            await ReceivePayloadAsync(count, cancellationToken).ConfigureAwait(false);
        }
        return last ? CompleteMessage() : null;
    }

    // The chunk's fields before its data; data must be the last field so that its bytes can go straight to the payload.
    private static (int DataStart, ulong Total, bool Last) ParseChunkHeader(ReadOnlySpan<byte> window, int length)
    {
        var position = 1;
        var size = ReadVarint(window, ref position);
        if (size != (ulong)(length - position))
        {
            throw new FrameFormatException($"chunk frame declares {size} bytes but carries {length - position}");
        }
        ulong total = 0;
        var last = false;
        while (position < window.Length)
        {
            switch (ReadVarint(window, ref position))
            {
                case ChunkDataTag:
                    var count = ReadVarint(window, ref position);
                    if (count != (ulong)(length - position))
                    {
                        throw new FrameFormatException($"chunk data of {count} bytes is not the rest ({length - position} bytes) of its frame");
                    }
                    return (position, total, last);
                case ChunkLastTag:
                    last = ReadVarint(window, ref position) != 0;
                    break;
                case ChunkTotalSizeTag:
                    total = ReadVarint(window, ref position);
                    break;
                case var tag:
                    throw new FrameFormatException($"chunk frame has unknown field tag {tag}");
            }
        }
        throw new FrameFormatException($"chunk frame has no data field within its first {window.Length} bytes");
    }

    // The first chunk carries the envelope's fields up to and including the payload's tag and length.
    private void StartMessage(ReadOnlySpan<byte> header, ulong total)
    {
        if (total == 0 || total > (ulong)_maximumMessageSize)
        {
            throw new FrameFormatException($"chunked message declares {total} bytes, outside 1..{_maximumMessageSize} (fedactors.remote.maximum-message-size)");
        }
        var position = 0;
        while (true)
        {
            var fieldStart = position;
            var tag = ReadVarint(header, ref position);
            if (tag == EnvelopePayloadTag)
            {
                var payloadSize = ReadVarint(header, ref position);
                if (position != header.Length)
                {
                    throw new FrameFormatException("the first chunk must end with the payload's length");
                }
                if (payloadSize != total - (ulong)header.Length)
                {
                    throw new FrameFormatException($"chunked message declares {total} bytes but its envelope header ({header.Length} bytes) and payload ({payloadSize} bytes) differ");
                }
                Envelope envelope;
                try
                {
                    envelope = Envelope.Parser.ParseFrom(header[..fieldStart]);
                }
                catch (InvalidProtocolBufferException e)
                {
                    throw new FrameFormatException($"the first chunk is not an envelope header: {e.Message}", e);
                }
                _chunked = envelope;
                _payloadSize = (int)payloadSize;
                _payloadReceived = 0;
                _payload = _payloadIsMessage(envelope.SerializerId)
                    ? GC.AllocateUninitializedArray<byte>(_payloadSize)
                    : ArrayPool<byte>.Shared.Rent(_payloadSize);
                return;
            }
            switch (tag & 7)
            {
                case 0:
                    ReadVarint(header, ref position);
                    break;
                case 2:
                    var skip = ReadVarint(header, ref position);
                    if (skip > (ulong)(header.Length - position))
                    {
                        throw new FrameFormatException($"envelope field of {skip} bytes overruns the first chunk");
                    }
                    position += (int)skip;
                    break;
                default:
                    throw new FrameFormatException($"the first chunk has field tag {tag}, not an envelope field");
            }
            if (position >= header.Length)
            {
                throw new FrameFormatException("the first chunk ends before the payload's length");
            }
        }
    }

    private async ValueTask ReceivePayloadAsync(int count, CancellationToken cancellationToken)
    {
        if (count > _payloadSize - _payloadReceived)
        {
            throw new FrameFormatException($"chunks exceed the declared payload of {_payloadSize} bytes");
        }
        var buffered = Math.Min(count, _end - _start);
        _buffer.AsSpan(_start, buffered).CopyTo(_payload.AsSpan(_payloadReceived));
        _start += buffered;
        _payloadReceived += buffered;
        for (var remaining = count - buffered; remaining > 0;)
        {
            var read = await _stream.ReadAsync(_payload.AsMemory(_payloadReceived, remaining), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new FrameFormatException($"stream ended with {remaining} bytes of a chunk missing");
            }
            _payloadReceived += read;
            remaining -= read;
        }
    }

    private Envelope CompleteMessage()
    {
        var envelope = _chunked!;
        var payload = _payload!;
        var size = _payloadSize;
        var received = _payloadReceived;
        _chunked = null;
        _payload = null;
        if (!_payloadIsMessage(envelope.SerializerId))
        {
            _rented = payload;
        }
        if (received != size)
        {
            throw new FrameFormatException($"chunked message ended after {received} of its declared {size} payload bytes");
        }
        envelope.Payload = UnsafeByteOperations.UnsafeWrap(payload.AsMemory(0, size));
        return envelope;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> bytes, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= bytes.Length)
            {
                throw new FrameFormatException("a varint runs past the end of its frame");
            }
            var b = bytes[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
        throw new FrameFormatException("a varint is longer than 10 bytes");
    }

    private async ValueTask FillFrameAsync(int count, int length, CancellationToken cancellationToken)
    {
        if (!await FillAsync(count, cancellationToken).ConfigureAwait(false))
        {
            throw new FrameFormatException($"stream ended inside a frame of {length} bytes");
        }
    }

    private async ValueTask<bool> FillAsync(int count, CancellationToken cancellationToken)
    {
        if (_end - _start >= count)
        {
            return true;
        }
        if (_start == _end)
        {
            _start = _end = 0;
        }
        if (_buffer.Length - _start < count)
        {
            var target = count > _buffer.Length ? new byte[Math.Max(count, _buffer.Length * 2)] : _buffer;
            Buffer.BlockCopy(_buffer, _start, target, 0, _end - _start);
            _buffer = target;
            _end -= _start;
            _start = 0;
        }
        while (_end - _start < count)
        {
            var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                if (_end == _start)
                {
                    return false;
                }
                throw new FrameFormatException($"stream ended after {_end - _start} bytes of a frame");
            }
            _end += read;
        }
        return true;
    }
}
