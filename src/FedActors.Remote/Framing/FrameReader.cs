using System.Buffers.Binary;
using FedActors.Remote.Protos;
using Google.Protobuf;

namespace FedActors.Remote.Framing;

/// <summary>
/// Reads length-prefixed frames (4-byte big-endian length, then a protobuf <see cref="Frame"/>) from a stream
/// through one reusable buffer. A declared length above the maximum is refused before anything is allocated;
/// chunks are reassembled into an envelope of at most the maximum message size.
/// </summary>
internal sealed class FrameReader
{
    private const int MinimumBuffer = 64 * 1024;
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

    /// <summary>The next frame, or null at a clean end of stream between frames.</summary>
    /// <exception cref="FrameFormatException">The bytes are not a valid frame.</exception>
    public async ValueTask<Frame?> ReadAsync(CancellationToken cancellationToken)
    {
        if (!await FillAsync(4, cancellationToken).ConfigureAwait(false))
        {
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
        Frame frame;
        try
        {
            frame = Frame.Parser.ParseFrom(_buffer.AsSpan(_start, length));
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new FrameFormatException($"frame of {length} bytes is not a protobuf frame: {e.Message}", e);
        }
        finally
        {
            _start += length;
        }
        if (frame.KindCase == Frame.KindOneofCase.None)
        {
            throw new FrameFormatException($"frame of {length} bytes has no known kind");
        }
        return frame;
    }

    /// <summary>Adds a chunk; returns the reassembled envelope after the last one.</summary>
    /// <exception cref="FrameFormatException">The chunks exceed the maximum message size or do not form an envelope.</exception>
    public Envelope? AddChunk(Chunk chunk)
    {
        var data = chunk.Data.Span;
        var total = (long)_chunkLength + data.Length;
        if (total > _maximumMessageSize)
        {
            throw new FrameFormatException($"chunked message exceeds {_maximumMessageSize} bytes (fedactors.remote.maximum-message-size)");
        }
        if (_chunks is null || _chunks.Length < total)
        {
            // Doubling keeps copies linear; the cap keeps the buffer within the maximum message size.
            var capacity = Math.Min(Math.Max(total, (_chunks?.LongLength ?? 0) * 2), _maximumMessageSize);
            var grown = GC.AllocateUninitializedArray<byte>((int)Math.Max(capacity, total));
            _chunks?.AsSpan(0, _chunkLength).CopyTo(grown);
            _chunks = grown;
        }
        data.CopyTo(_chunks.AsSpan(_chunkLength));
        _chunkLength = (int)total;
        if (!chunk.Last)
        {
            return null;
        }
        try
        {
            return Envelope.Parser.ParseFrom(_chunks.AsSpan(0, _chunkLength));
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new FrameFormatException($"reassembled message of {_chunkLength} bytes is not an envelope: {e.Message}", e);
        }
        finally
        {
            _chunks = null;
            _chunkLength = 0;
        }
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
