using System.Security.Cryptography;
using FedActors.Crypto.Envelope;
using Xunit;

namespace FedActors.Crypto.Tests.Envelope;

public sealed class ChunkedStreamTests
{
    private const int Chunk = ChunkedEncryptionStream.MinChunkSize;
    private const int Block = Chunk + ChunkedEncryptionStream.TagSize;
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);
    private static readonly byte[] Prefix = RandomNumberGenerator.GetBytes(ChunkedEncryptionStream.NoncePrefixSize);

    private static byte[] Encrypt(byte[] plaintext)
    {
        using var stream = new ChunkedEncryptionStream(new MemoryStream(plaintext), Key, Prefix, Chunk);
        using var output = new MemoryStream();
        stream.CopyTo(output);
        return output.ToArray();
    }

    private static byte[] Decrypt(byte[] ciphertext, byte[]? key = null)
    {
        using var stream = new ChunkedDecryptionStream(new MemoryStream(ciphertext), key ?? Key, Prefix, Chunk, startOffset: 100);
        using var output = new MemoryStream();
        stream.CopyTo(output);
        return output.ToArray();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(Chunk - 1)]
    [InlineData(Chunk)]
    [InlineData(Chunk + 1)]
    [InlineData((3 * Chunk) + 17)]
    public void Decrypting_the_encryption_gives_back_the_plaintext(int length)
    {
        var plaintext = RandomNumberGenerator.GetBytes(length);
        var ciphertext = Encrypt(plaintext);
        Assert.Equal(((length / Chunk) + 1) * ChunkedEncryptionStream.TagSize + length, ciphertext.Length);
        Assert.Equal(plaintext, Decrypt(ciphertext));
    }

    [Fact]
    public void Swapping_two_chunks_fails_at_the_first_swapped_chunk()
    {
        var ciphertext = Encrypt(RandomNumberGenerator.GetBytes((3 * Chunk) + 5));
        var swapped = (byte[])ciphertext.Clone();
        ciphertext.AsSpan(Block, Block).CopyTo(swapped.AsSpan(2 * Block));
        ciphertext.AsSpan(2 * Block, Block).CopyTo(swapped.AsSpan(Block));
        var e = Assert.Throws<EnvelopeException>(() => Decrypt(swapped));
        Assert.Contains($"chunk 1 at byte offset {100 + Block} failed authentication", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncating_at_a_chunk_boundary_is_reported_as_a_missing_final_chunk()
    {
        var ciphertext = Encrypt(RandomNumberGenerator.GetBytes((2 * Chunk) + 5));
        var e = Assert.Throws<EnvelopeException>(() => Decrypt(ciphertext[..(2 * Block)]));
        Assert.Contains($"ends after chunk 1, at byte offset {100 + (2 * Block)}, without a final chunk", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dropping_the_empty_final_chunk_is_detected()
    {
        var ciphertext = Encrypt(RandomNumberGenerator.GetBytes(2 * Chunk));
        Assert.Equal((2 * Block) + ChunkedEncryptionStream.TagSize, ciphertext.Length);
        Assert.Throws<EnvelopeException>(() => Decrypt(ciphertext[..(2 * Block)]));
    }

    [Fact]
    public void Truncating_inside_the_final_chunk_fails_its_authentication()
    {
        var ciphertext = Encrypt(RandomNumberGenerator.GetBytes(Chunk + 100));
        var e = Assert.Throws<EnvelopeException>(() => Decrypt(ciphertext[..^1]));
        Assert.Contains($"final chunk 1 at byte offset {100 + Block} failed authentication", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<EnvelopeException>(() => Decrypt(ciphertext[..(Block + 3)]));
        Assert.Contains("chunk 1", e.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(Chunk)]
    public void Appending_after_the_final_chunk_fails_the_final_chunk(int length)
    {
        var ciphertext = Encrypt(RandomNumberGenerator.GetBytes(length));
        var finalIndex = length / Chunk;
        var e = Assert.Throws<EnvelopeException>(() => Decrypt([.. ciphertext, 0]));
        Assert.Contains($"final chunk {finalIndex} at byte offset {100 + (finalIndex * Block)} failed authentication", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cutting_out_a_middle_chunk_fails_at_its_position()
    {
        var ciphertext = Encrypt(RandomNumberGenerator.GetBytes((3 * Chunk) + 5));
        var e = Assert.Throws<EnvelopeException>(() => Decrypt([.. ciphertext[..Block], .. ciphertext[(2 * Block)..]]));
        Assert.Contains($"chunk 1 at byte offset {100 + Block} failed authentication", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_wrong_key_fails_at_chunk_zero()
    {
        var ciphertext = Encrypt(RandomNumberGenerator.GetBytes(10));
        var e = Assert.Throws<EnvelopeException>(() => Decrypt(ciphertext, RandomNumberGenerator.GetBytes(32)));
        Assert.Contains("final chunk 0 at byte offset 100", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_stream_is_reported_as_truncated()
    {
        Assert.Contains("before its first chunk", Assert.Throws<EnvelopeException>(() => Decrypt([])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Chunk_sizes_outside_the_bounds_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ChunkedEncryptionStream(Stream.Null, Key, Prefix, ChunkedEncryptionStream.MaxChunkSize + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ChunkedDecryptionStream(Stream.Null, Key, Prefix, 16));
    }
}
