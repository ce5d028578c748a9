using System.Security.Cryptography;

namespace FedActors.Crypto.Envelope;

/// <summary>
/// A read-only stream that encrypts the plaintext it reads from an inner stream into authenticated
/// chunks (the STREAM construction over AES-256-GCM): reading it yields the ciphertext. Memory use is
/// two chunk buffers, whatever the length of the plaintext.
/// </summary>
/// <remarks>
/// Each chunk is the AES-GCM ciphertext of <c>chunkSize</c> plaintext bytes followed by its 16-byte tag;
/// the last chunk holds fewer than <c>chunkSize</c> bytes (possibly none) and is encrypted with the
/// final flag set. The key must be used for one stream only (derive it per stream, as artifacts do).
/// <see cref="ChunkedDecryptionStream"/> reverses it.
/// </remarks>
public sealed class ChunkedEncryptionStream : ForwardReadStream
{
    /// <summary>Smallest chunk size accepted, in plaintext bytes.</summary>
    public const int MinChunkSize = 1024;

    /// <summary>Largest chunk size accepted, in plaintext bytes; bounds the memory a reader allocates.</summary>
    public const int MaxChunkSize = 16 * 1024 * 1024;

    /// <summary>Chunk size used when none is given: 64 KiB.</summary>
    public const int DefaultChunkSize = 64 * 1024;

    /// <summary>Size of the authentication tag that follows each chunk.</summary>
    public const int TagSize = 16;

    /// <summary>Size of the per-stream nonce prefix.</summary>
    public const int NoncePrefixSize = ChunkNonce.PrefixSize;

    private readonly Stream _plaintext;
    private readonly bool _leaveOpen;
    private readonly AesGcm _gcm;
    private readonly byte[] _noncePrefix;
    private readonly byte[] _plainChunk;
    private readonly byte[] _cipherChunk;
    private int _cipherOffset;
    private int _cipherLength;
    private uint _index;
    private bool _finished;

    /// <summary>Starts encrypting <paramref name="plaintext"/> under a 32-byte <paramref name="key"/> used for this stream only.</summary>
    /// <exception cref="ArgumentException">The key, nonce prefix or chunk size is out of range.</exception>
    public ChunkedEncryptionStream(Stream plaintext, ReadOnlySpan<byte> key, ReadOnlySpan<byte> noncePrefix, int chunkSize, bool leaveOpen = false)
        : base("a chunked encryption stream")
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        ValidateParameters(key, noncePrefix, chunkSize);
        _plaintext = plaintext;
        _leaveOpen = leaveOpen;
        _gcm = new AesGcm(key, TagSize);
        _noncePrefix = noncePrefix.ToArray();
        _plainChunk = GC.AllocateUninitializedArray<byte>(chunkSize, pinned: true);
        _cipherChunk = GC.AllocateUninitializedArray<byte>(chunkSize + TagSize);
    }

    internal static void ValidateParameters(ReadOnlySpan<byte> key, ReadOnlySpan<byte> noncePrefix, int chunkSize)
    {
        if (key.Length != SymmetricKey.Size)
        {
            throw new ArgumentException($"the stream key is {SymmetricKey.Size} bytes, got {key.Length}", nameof(key));
        }
        if (noncePrefix.Length != NoncePrefixSize)
        {
            throw new ArgumentException($"the nonce prefix is {NoncePrefixSize} bytes, got {noncePrefix.Length}", nameof(noncePrefix));
        }
        if (chunkSize is < MinChunkSize or > MaxChunkSize)
        {
            throw new ArgumentOutOfRangeException(nameof(chunkSize), chunkSize, $"the chunk size must be between {MinChunkSize} and {MaxChunkSize} bytes");
        }
    }

    /// <inheritdoc />
    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        if (_cipherOffset == _cipherLength)
        {
            if (_finished)
            {
                return 0;
            }
            EncryptNextChunk();
        }
        var count = Math.Min(buffer.Length, _cipherLength - _cipherOffset);
        _cipherChunk.AsSpan(_cipherOffset, count).CopyTo(buffer);
        _cipherOffset += count;
        return count;
    }

    private void EncryptNextChunk()
    {
        var read = _plaintext.ReadAtLeast(_plainChunk, _plainChunk.Length, throwOnEndOfStream: false);
        // A full chunk is never final: a plaintext whose length is a multiple of the chunk size ends
        // with an empty final chunk, so the reader can tell truncation at a chunk boundary from the end.
        var final = read < _plainChunk.Length;
        if (!final && _index == uint.MaxValue)
        {
            throw new InvalidOperationException("the plaintext exceeds 2^32 chunks; use a larger chunk size");
        }
        Span<byte> nonce = stackalloc byte[ChunkNonce.Size];
        ChunkNonce.Build(_noncePrefix, _index, final, nonce);
        _gcm.Encrypt(nonce, _plainChunk.AsSpan(0, read), _cipherChunk.AsSpan(0, read), _cipherChunk.AsSpan(read, TagSize));
        CryptographicOperations.ZeroMemory(_plainChunk.AsSpan(0, read));
        _cipherOffset = 0;
        _cipherLength = read + TagSize;
        _finished = final;
        _index++;
    }

    /// <summary>Releases the cipher, zeroes the plaintext buffer and disposes the inner stream unless asked to leave it open.</summary>
    protected override void Dispose(bool disposing)
    {
        if (!IsDisposed && disposing)
        {
            _gcm.Dispose();
            CryptographicOperations.ZeroMemory(_plainChunk);
            if (!_leaveOpen)
            {
                _plaintext.Dispose();
            }
        }
        base.Dispose(disposing);
    }
}
