using System.Diagnostics;
using System.Security.Cryptography;
using FedActors.Crypto.Artifacts;
using FedActors.Crypto.Envelope;
using FedActors.Crypto.Tests.Envelope;
using Xunit;

namespace FedActors.Crypto.Tests.Artifacts;

public sealed class ArtifactCipherTests : IDisposable
{
    private const int Chunk = ChunkedEncryptionStream.MinChunkSize;
    private const int Block = Chunk + ChunkedEncryptionStream.TagSize;
    private readonly EcKeyPair _owner = EcKeyPair.Generate();
    private readonly SymmetricKey _symmetric = SymmetricKey.Generate();

    public void Dispose()
    {
        _owner.Dispose();
        _symmetric.Dispose();
    }

    public static TheoryData<string> Modes => new() { "public", "symmetric" };

    private ArtifactKey EncryptKey(string mode) =>
        mode == "public" ? ArtifactKey.ForRecipient(_owner.PublicKey) : ArtifactKey.FromSymmetricKey(_symmetric);

    private ArtifactKey DecryptKey(string mode) =>
        mode == "public" ? ArtifactKey.FromKeyPair(_owner) : ArtifactKey.FromSymmetricKey(_symmetric);

    private byte[] Encrypt(byte[] plaintext, string mode)
    {
        using var output = new MemoryStream();
        ArtifactCipher.Encrypt(new MemoryStream(plaintext), output, EncryptKey(mode), Chunk);
        return output.ToArray();
    }

    private byte[] Decrypt(byte[] artifact, string mode)
    {
        using var output = new MemoryStream();
        ArtifactCipher.Decrypt(new MemoryStream(artifact), output, DecryptKey(mode), "model.enc");
        return output.ToArray();
    }

    private static int HeaderLength(string mode) => mode == "public" ? 171 : 106;

    [Theory]
    [InlineData("public", 0)]
    [InlineData("public", Chunk)]
    [InlineData("public", (3 * Chunk) + 7)]
    [InlineData("symmetric", 0)]
    [InlineData("symmetric", 1)]
    [InlineData("symmetric", (3 * Chunk) + 7)]
    public void Decrypting_an_encrypted_artifact_gives_back_its_bytes(string mode, int length)
    {
        var plaintext = RandomNumberGenerator.GetBytes(length);
        var artifact = Encrypt(plaintext, mode);
        var header = ArtifactHeader.Read(new MemoryStream(artifact), "model.enc");
        Assert.Equal(HeaderLength(mode), header.Length);
        Assert.Equal(EncryptKey(mode).Id, header.RecipientKeyId);
        Assert.Equal(length, header.PlaintextLength(artifact.Length));
        Assert.Equal(plaintext, Decrypt(artifact, mode));
    }

    [Fact]
    public void A_key_pair_encrypts_to_itself_for_a_local_replica()
    {
        using var output = new MemoryStream();
        ArtifactCipher.Encrypt(new MemoryStream([1, 2, 3]), output, ArtifactKey.FromKeyPair(_owner));
        Assert.Equal([1, 2, 3], Decrypt(output.ToArray(), "public"));
    }

    [Fact]
    public void The_same_plaintext_encrypts_differently_each_time()
    {
        var plaintext = new byte[100];
        Assert.NotEqual(Encrypt(plaintext, "symmetric"), Encrypt(plaintext, "symmetric"));
    }

    [Fact]
    public void A_wrong_private_key_is_refused_naming_both_key_ids()
    {
        var artifact = Encrypt([1, 2, 3], "public");
        using var stranger = EcKeyPair.Generate();
        var e = Assert.Throws<ArtifactException>(() => ArtifactCipher.Decrypt(new MemoryStream(artifact), Stream.Null, ArtifactKey.FromKeyPair(stranger), "model.enc"));
        Assert.Equal(
            $"model.enc: wrong key: the artifact is encrypted to key {_owner.PublicKey.Id}, but the key supplied is {stranger.PublicKey.Id} " +
            "(if that is the right key, the header's key id, bytes 10..41, was modified)",
            e.Message);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void A_flipped_byte_in_the_key_id_is_named_as_a_possible_header_modification(string mode)
    {
        var artifact = Encrypt([1, 2, 3], mode);
        artifact[10 + 17] ^= 0x01;
        var e = Assert.Throws<ArtifactException>(() => Decrypt(artifact, mode));
        Assert.StartsWith("model.enc: wrong key: ", e.Message, StringComparison.Ordinal);
        Assert.EndsWith($"but the key supplied is {DecryptKey(mode).Id} (if that is the right key, the header's key id, bytes 10..41, was modified)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_symmetric_key_is_refused_naming_both_key_ids()
    {
        var artifact = Encrypt([1, 2, 3], "symmetric");
        using var other = SymmetricKey.Generate();
        var e = Assert.Throws<ArtifactException>(() => ArtifactCipher.Decrypt(new MemoryStream(artifact), Stream.Null, ArtifactKey.FromSymmetricKey(other), "model.enc"));
        Assert.Contains("wrong key", e.Message, StringComparison.Ordinal);
        Assert.Contains(other.Id.ToString(), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_of_the_other_mode_is_refused_with_what_to_use()
    {
        var artifact = Encrypt([1], "public");
        var e = Assert.Throws<ArtifactException>(() => Decrypt(artifact, "symmetric"));
        Assert.Contains("decrypt it with the matching private key", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Every_flipped_byte_is_rejected_with_what_and_where(string mode)
    {
        var artifact = Encrypt(RandomNumberGenerator.GetBytes((2 * Chunk) + 100), mode);
        var header = HeaderLength(mode);
        for (var position = 0; position < artifact.Length; position++)
        {
            var modified = (byte[])artifact.Clone();
            modified[position] ^= 0x01;
            var e = Assert.Throws<ArtifactException>(() => Decrypt(modified, mode));
            Assert.StartsWith("model.enc: ", e.Message, StringComparison.Ordinal);
            if (position < header)
            {
                Assert.Contains("header", e.Message, StringComparison.Ordinal);
            }
            else
            {
                var chunk = (position - header) / Block;
                var final = chunk == 2 ? "final chunk" : "chunk";
                Assert.Equal($"model.enc: {final} {chunk} at byte offset {header + (chunk * Block)} failed authentication: it was modified, moved, truncated, extended or encrypted under another key", e.Message);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Every_truncation_is_rejected(string mode)
    {
        var artifact = Encrypt(RandomNumberGenerator.GetBytes((2 * Chunk) + 100), mode);
        var header = HeaderLength(mode);
        for (var length = 0; length < artifact.Length; length++)
        {
            var e = Assert.Throws<ArtifactException>(() => Decrypt(artifact[..length], mode));
            if (length < header)
            {
                Assert.Contains("the header is truncated", e.Message, StringComparison.Ordinal);
            }
            else if ((length - header) % Block == 0)
            {
                Assert.Contains("without a final chunk: it is truncated", e.Message.Replace("before its first chunk", "without a final chunk", StringComparison.Ordinal), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Truncation_at_a_chunk_boundary_names_the_last_chunk_and_offset()
    {
        var artifact = Encrypt(RandomNumberGenerator.GetBytes((2 * Chunk) + 100), "symmetric");
        var e = Assert.Throws<ArtifactException>(() => Decrypt(artifact[..(106 + (2 * Block))], "symmetric"));
        Assert.Equal($"model.enc: the stream ends after chunk 1, at byte offset {106 + (2 * Block)}, without a final chunk: it is truncated", e.Message);
    }

    [Fact]
    public void Appended_bytes_are_rejected()
    {
        var artifact = Encrypt(RandomNumberGenerator.GetBytes(Chunk + 5), "symmetric");
        var e = Assert.Throws<ArtifactException>(() => Decrypt([.. artifact, .. new byte[Block]], "symmetric"));
        Assert.Contains("failed authentication", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chunk_from_another_artifact_under_the_same_key_is_rejected()
    {
        var first = Encrypt(RandomNumberGenerator.GetBytes(2 * Chunk), "symmetric");
        var second = Encrypt(RandomNumberGenerator.GetBytes(2 * Chunk), "symmetric");
        var spliced = (byte[])first.Clone();
        second.AsSpan(106, Block).CopyTo(spliced.AsSpan(106));
        var e = Assert.Throws<ArtifactException>(() => Decrypt(spliced, "symmetric"));
        Assert.Contains("chunk 0 at byte offset 106 failed authentication", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_header_fields_are_named_with_their_offset()
    {
        var artifact = Encrypt([1, 2, 3], "symmetric");
        static byte[] With(byte[] bytes, int at, byte value)
        {
            var copy = (byte[])bytes.Clone();
            copy[at] = value;
            return copy;
        }
        Assert.Contains("header byte offset 0: the magic is 'XAAR'", Assert.Throws<ArtifactException>(() => Decrypt(With(artifact, 0, (byte)'X'), "symmetric")).Message, StringComparison.Ordinal);
        Assert.Contains("header byte offset 4: format version 2 is not supported", Assert.Throws<ArtifactException>(() => Decrypt(With(artifact, 4, 2), "symmetric")).Message, StringComparison.Ordinal);
        Assert.Contains("header byte offset 5: key mode 9 is unknown", Assert.Throws<ArtifactException>(() => Decrypt(With(artifact, 5, 9), "symmetric")).Message, StringComparison.Ordinal);
        Assert.Contains("header byte offset 6: chunk size", Assert.Throws<ArtifactException>(() => Decrypt(With(artifact, 6, 0x7f), "symmetric")).Message, StringComparison.Ordinal);
        Assert.Contains("the header (bytes 0..105) failed authentication", Assert.Throws<ArtifactException>(() => Decrypt(With(artifact, 50, (byte)(artifact[50] ^ 1)), "symmetric")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_and_mutated_headers_fail_cleanly_and_quickly()
    {
        var random = new Random(7);
        var valid = Encrypt(RandomNumberGenerator.GetBytes(300), "public");
        var clock = Stopwatch.StartNew();
        for (var round = 0; round < 3000; round++)
        {
            byte[] input;
            if (round % 3 == 0)
            {
                input = new byte[random.Next(0, 400)];
                random.NextBytes(input);
                if (round % 2 == 0 && input.Length > 10)
                {
                    "FAAR"u8.CopyTo(input);
                    input[4] = 1;
                    input[5] = (byte)random.Next(1, 3);
                }
            }
            else
            {
                input = SealedBoxTests.Mutate(valid, random);
            }
            try
            {
                Decrypt(input, "public");
                Assert.Equal(valid, input);
            }
            catch (ArtifactException)
            {
            }
        }
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"fuzzing took {clock.Elapsed}");
    }

    [Fact]
    public void The_plaintext_length_is_unknown_for_impossible_artifact_lengths()
    {
        var artifact = Encrypt(RandomNumberGenerator.GetBytes(Chunk), "symmetric");
        var header = ArtifactHeader.Read(new MemoryStream(artifact), "x");
        Assert.Equal(Chunk, header.PlaintextLength(artifact.Length));
        Assert.Null(header.PlaintextLength(106 + Block));
        Assert.Null(header.PlaintextLength(106 + 15));
    }
}
