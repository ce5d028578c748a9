using System.Security.Cryptography;

namespace FedActors.Crypto.Tests.Artifacts;

/// <summary>A write-only stream that hashes what it is given with SHA-256 and samples the managed heap size as it goes.</summary>
public sealed class HashingSink : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private int _writes;

    public long BytesWritten { get; private set; }

    public long PeakHeapBytes { get; private set; }

    public byte[] Hash() => _hash.GetHashAndReset();

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => BytesWritten;

    public override long Position
    {
        get => BytesWritten;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _hash.AppendData(buffer);
        BytesWritten += buffer.Length;
        if (++_writes % 64 == 0)
        {
            PeakHeapBytes = Math.Max(PeakHeapBytes, GC.GetTotalMemory(false));
        }
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
        }
        base.Dispose(disposing);
    }
}
