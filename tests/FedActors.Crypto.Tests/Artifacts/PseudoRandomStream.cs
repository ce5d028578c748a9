namespace FedActors.Crypto.Tests.Artifacts;

/// <summary>A read-only stream of <c>length</c> pseudo-random bytes (xorshift64*), generated on the fly: large payloads without disk or memory.</summary>
public sealed class PseudoRandomStream(long length, ulong seed) : Stream
{
    private ulong _state = seed | 1;
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var count = (int)Math.Min(buffer.Length, length - _position) & ~7;
        if (count == 0 && _position < length)
        {
            count = (int)Math.Min(buffer.Length, length - _position);
        }
        var words = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(buffer[..(count & ~7)]);
        for (var i = 0; i < words.Length; i++)
        {
            _state ^= _state >> 12;
            _state ^= _state << 25;
            _state ^= _state >> 27;
            words[i] = _state * 0x2545F4914F6CDD1DUL;
        }
        for (var i = count & ~7; i < count; i++)
        {
            buffer[i] = (byte)i;
        }
        _position += count;
        return count;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
