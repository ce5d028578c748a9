using System.Buffers.Binary;
using FedActors.Remote.Protos;
using Google.Protobuf;

namespace FedActors.Remote.Framing;

/// <summary>
/// Reads length-prefixed frames (4-byte big-endian length, then a protobuf <see cref="Frame"/>) from a stream
/// through one reusable buffer. A declared length above the maximum is refused before anything is allocated;
/// chunks are reassembled into one buffer of their declared total size, at most the maximum message size.
/// </summary>
internal sealed class FrameReader
{
    private const int MinimumBuffer = 64 * 1024;

    // Field 3 (chunk), wire type 2 (length-delimited): the first byte of every chunk frame.
    private const byte ChunkFrameTag = 0x1A;
    private readonly Stream _stream;
    private readonly int _maximumFrameSize;
    private readonly long _maximumMessageSize;
    private byte[] _buffer = new byte[MinimumBuffer];
    private int _start;
    private int _end;
    private byte[]? _chunks;
    private int _chunkLength;

    public FrameReader(Stream stream, int maximumFrameSize, long maximumMessageSize)
    {
        _stream = stream;
        _maximumFrameSize = maximumFrameSize;
        _maximumMessageSize = maximumMessageSize;
    }

    /// <summary>
    /// The next frame, or null at a clean end of stream between frames. Chunk frames are consumed here: the
    /// envelope they carry is returned as one envelope frame after its last chunk.
    /// </summary>
    /// <exception cref="FrameFormatException">The bytes are not a valid frame.</exception>
    public async ValueTask<Frame?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (!await FillAsync(4, cancellationToken).ConfigureAwait(false))
            {
                if (_chunks is not null)
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
            if (!await FillAsync(length, cancellationToken).ConfigureAwait(false))
            {
                throw new FrameFormatException($"stream ended inside a frame of {length} bytes");
            }
            var start = _start;
            _start += length;
            if (Decode(start, length) is { } frame)
            {
                return frame;
            }
        }
    }

    // Null when the frame was a chunk that did not complete its message.
    private Frame? Decode(int start, int length)
    {
        var body = _buffer.AsSpan(start, length);
        if (body[0] == ChunkFrameTag)
        {
            return AddChunk(body) is { } envelope ? new Frame { Envelope = envelope } : null;
        }
        if (_chunks is not null)
        {
            throw new FrameFormatException("a frame interrupted a chunked message");
        }
        Frame frame;
        try
        {
            frame = Frame.Parser.ParseFrom(body);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new FrameFormatException($"frame of {length} bytes is not a protobuf frame: {e.Message}", e);
        }
        return frame.KindCase == Frame.KindOneofCase.None
            ? throw new FrameFormatException($"frame of {length} bytes has no known kind")
            : frame;
    }

    // Chunks are decoded by hand so their data is copied once, from the read buffer into the message
    // buffer, instead of into a large intermediate ByteString per chunk.
    private Envelope? AddChunk(ReadOnlySpan<byte> frame)
    {
        var position = 1;
        var size = ReadVarint(frame, ref position);
        if (size != (ulong)(frame.Length - position))
        {
            throw new FrameFormatException($"chunk frame declares {size} bytes but carries {frame.Length - position}");
        }
        ReadOnlySpan<byte> data = default;
        var last = false;
        ulong total = 0;
        while (position < frame.Length)
        {
            switch (ReadVarint(frame, ref position))
            {
                case 0x0A:
                    var count = ReadVarint(frame, ref position);
                    if (count > (ulong)(frame.Length - position))
                    {
                        throw new FrameFormatException($"chunk data of {count} bytes overruns its frame");
                    }
                    data = frame.Slice(position, (int)count);
                    position += (int)count;
                    break;
                case 0x10:
                    last = ReadVarint(frame, ref position) != 0;
                    break;
                case 0x18:
                    total = ReadVarint(frame, ref position);
                    break;
                case var tag:
                    throw new FrameFormatException($"chunk frame has unknown field tag {tag}");
            }
        }
        if (_chunks is null)
        {
            if (total == 0 || total > (ulong)_maximumMessageSize)
            {
                throw new FrameFormatException($"chunked message declares {total} bytes, outside 1..{_maximumMessageSize} (fedactors.remote.maximum-message-size)");
            }
            _chunks = GC.AllocateUninitializedArray<byte>((int)total);
            _chunkLength = 0;
        }
        if (data.Length > _chunks.Length - _chunkLength)
        {
            throw new FrameFormatException($"chunks exceed the declared message size of {_chunks.Length} bytes");
        }
        data.CopyTo(_chunks.AsSpan(_chunkLength));
        _chunkLength += data.Length;
        if (!last)
        {
            return null;
        }
        var complete = _chunks;
        var length = _chunkLength;
        _chunks = null;
        _chunkLength = 0;
        if (length != complete.Length)
        {
            throw new FrameFormatException($"chunked message ended after {length} of its declared {complete.Length} bytes");
        }
        try
        {
            return Envelope.Parser.ParseFrom(complete);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new FrameFormatException($"reassembled message of {length} bytes is not an envelope: {e.Message}", e);
        }
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

    private async ValueTask<bool> FillAsync(int count, CancellationToken cancellationToken)
    {
        if (_end - _start >= count)
        {
            return true;
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
