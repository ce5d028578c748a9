using System.Security.Cryptography;

namespace FedActors.Crypto.Envelope;

/// <summary>
/// A read-only stream that reads chunks written by <see cref="ChunkedEncryptionStream"/> from an inner
/// stream and yields their plaintext. A chunk's plaintext is released only after its tag verifies, and
/// the stream ends only after a chunk flagged final, which must end the inner stream (bytes appended to it become part of it and fail its tag): a reordered, truncated, extended or
/// modified stream throws <see cref="EnvelopeException"/> naming the chunk and its byte offset.
/// </summary>
/// <remarks>
/// Plaintext of the chunks before a failure has already been returned; a caller writing it to a file
/// must discard that file when reading throws (as <c>ArtifactFile</c> does).
/// </remarks>
public sealed class ChunkedDecryptionStream : ForwardReadStream
{
    private const int TagSize = ChunkedEncryptionStream.TagSize;

    private readonly Stream _ciphertext;
    private readonly bool _leaveOpen;
    private readonly AesGcm _gcm;
    private readonly byte[] _noncePrefix;
    private readonly byte[] _cipherChunk;
    private readonly byte[] _plainChunk;
    private readonly long _startOffset;
    private int _plainOffset;
    private int _plainLength;
    private uint _index;
    private bool _finished;

    /// <summary>
    /// Starts decrypting <paramref name="ciphertext"/>; <paramref name="startOffset"/> is the byte offset of the
    /// first chunk in the enclosing file, used only to say where a failure is.
    /// </summary>
    /// <exception cref="ArgumentException">The key, nonce prefix or chunk size is out of range.</exception>
    public ChunkedDecryptionStream(Stream ciphertext, ReadOnlySpan<byte> key, ReadOnlySpan<byte> noncePrefix, int chunkSize, long startOffset = 0, bool leaveOpen = false)
        : base("a chunked decryption stream")
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        ChunkedEncryptionStream.ValidateParameters(key, noncePrefix, chunkSize);
        _ciphertext = ciphertext;
        _leaveOpen = leaveOpen;
        _gcm = new AesGcm(key, TagSize);
        _noncePrefix = noncePrefix.ToArray();
        _cipherChunk = GC.AllocateUninitializedArray<byte>(chunkSize + TagSize);
        _plainChunk = GC.AllocateUninitializedArray<byte>(chunkSize, pinned: true);
        _startOffset = startOffset;
    }

    /// <inheritdoc />
    /// <exception cref="EnvelopeException">A chunk is missing, truncated, extended, out of place or modified.</exception>
    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        while (_plainOffset == _plainLength)
        {
            if (_finished)
            {
                return 0;
            }
            DecryptNextChunk();
        }
        var count = Math.Min(buffer.Length, _plainLength - _plainOffset);
        _plainChunk.AsSpan(_plainOffset, count).CopyTo(buffer);
        _plainOffset += count;
        return count;
    }

    private void DecryptNextChunk()
    {
        var offset = _startOffset + ((long)_index * _cipherChunk.Length);
        var read = _ciphertext.ReadAtLeast(_cipherChunk, _cipherChunk.Length, throwOnEndOfStream: false);
        if (read == 0)
        {
            throw new EnvelopeException(_index == 0
                ? $"the stream ends at byte offset {offset} before its first chunk: it is truncated"
                : $"the stream ends after chunk {_index - 1}, at byte offset {offset}, without a final chunk: it is truncated");
        }
        if (read < TagSize)
        {
            throw new EnvelopeException($"chunk {_index} at byte offset {offset} is truncated: {read} bytes, a chunk has at least {TagSize}");
        }
        var final = read < _cipherChunk.Length;
        if (!final && _index == uint.MaxValue)
        {
            throw new EnvelopeException($"chunk {_index} at byte offset {offset} is not final, but a stream has at most 2^32 chunks");
        }
        var length = read - TagSize;
        Span<byte> nonce = stackalloc byte[ChunkNonce.Size];
        ChunkNonce.Build(_noncePrefix, _index, final, nonce);
        try
        {
            _gcm.Decrypt(nonce, _cipherChunk.AsSpan(0, length), _cipherChunk.AsSpan(length, TagSize), _plainChunk.AsSpan(0, length));
        }
        catch (AuthenticationTagMismatchException e)
        {
            var which = final ? "final chunk" : "chunk";
            throw new EnvelopeException($"{which} {_index} at byte offset {offset} failed authentication: it was modified, moved, truncated, extended or encrypted under another key", e);
        }
        _plainOffset = 0;
        _plainLength = length;
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
                _ciphertext.Dispose();
            }
        }
        base.Dispose(disposing);
    }
}
