using System.Security.Cryptography;
using FedActors.Crypto.Artifacts;
using FedActors.Crypto.Envelope;
using FsCheck;
using FsCheck.Xunit;
using Xunit;

namespace FedActors.Crypto.Tests.Artifacts;

public sealed class ArtifactFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fedactors-artifact-").FullName;
    private readonly EcKeyPair _owner = EcKeyPair.Generate();

    public void Dispose()
    {
        _owner.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private string PathOf(string name) => Path.Combine(_directory, name);

    [Fact]
    public void A_model_written_encrypted_to_its_owner_reads_back_and_never_touches_disk_in_plaintext()
    {
        var model = RandomNumberGenerator.GetBytes(100_000);
        ArtifactFile.Write(PathOf("global-model.enc"), new MemoryStream(model), ArtifactKey.ForRecipient(_owner.PublicKey));
        Assert.Equal(["global-model.enc"], Directory.GetFiles(_directory).Select(Path.GetFileName));
        EncryptedAssemblyLoaderTests.AssertNoPlaintextUnder(_directory, model);
        Assert.Equal(model, ArtifactFile.ReadAllBytes(PathOf("global-model.enc"), ArtifactKey.FromKeyPair(_owner)));
        Assert.Equal(_owner.PublicKey.Id, ArtifactFile.ReadHeader(PathOf("global-model.enc")).RecipientKeyId);
    }

    [Fact]
    public void A_failed_decryption_leaves_no_output_file_behind()
    {
        File.WriteAllBytes(PathOf("data.bin"), RandomNumberGenerator.GetBytes(300_000));
        ArtifactFile.EncryptFile(PathOf("data.bin"), PathOf("data.enc"), ArtifactKey.FromKeyPair(_owner), chunkSize: 4096);
        var bytes = File.ReadAllBytes(PathOf("data.enc"));
        bytes[^100] ^= 1;
        File.WriteAllBytes(PathOf("data.enc"), bytes);
        var e = Assert.Throws<ArtifactException>(() => ArtifactFile.DecryptFile(PathOf("data.enc"), PathOf("data.out"), ArtifactKey.FromKeyPair(_owner)));
        Assert.StartsWith($"{PathOf("data.enc")}: final chunk 73 at byte offset", e.Message, StringComparison.Ordinal);
        Assert.Equal(["data.bin", "data.enc"], Directory.GetFiles(_directory).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void A_missing_input_is_named()
    {
        var e = Assert.Throws<ArtifactException>(() => ArtifactFile.EncryptFile(PathOf("absent.bin"), PathOf("x.enc"), ArtifactKey.ForRecipient(_owner.PublicKey)));
        Assert.StartsWith($"{PathOf("absent.bin")}: cannot open the input file", e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_directory));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(300_001)]
    public void An_artifact_read_from_a_stream_without_a_length_decrypts_whole_into_memory(int length)
    {
        // The encrypting stream cannot seek, so the plaintext size is unknown in advance and the buffer grows.
        var plaintext = RandomNumberGenerator.GetBytes(length);
        using var key = SymmetricKey.Generate();
        using var artifact = ArtifactCipher.OpenEncrypting(new MemoryStream(plaintext), ArtifactKey.FromSymmetricKey(key), chunkSize: 4096);
        Assert.False(artifact.CanSeek);
        Assert.Equal(plaintext, ArtifactFile.DecryptToArray(artifact, ArtifactKey.FromSymmetricKey(key), "stream"));
    }

    [Fact]
    public void A_tampered_artifact_read_from_a_stream_without_a_length_is_rejected_naming_the_chunk()
    {
        using var key = SymmetricKey.Generate();
        using var encrypted = new MemoryStream();
        ArtifactCipher.Encrypt(new MemoryStream(RandomNumberGenerator.GetBytes(20_000)), encrypted, ArtifactKey.FromSymmetricKey(key), chunkSize: 4096);
        var bytes = encrypted.ToArray();
        bytes[106 + (2 * 4112) + 5] ^= 1;
        using var forwardOnly = new ForwardOnly(bytes);
        var e = Assert.Throws<ArtifactException>(() => ArtifactFile.DecryptToArray(forwardOnly, ArtifactKey.FromSymmetricKey(key), "stream.enc"));
        Assert.Equal($"stream.enc: chunk 2 at byte offset {106 + (2 * 4112)} failed authentication: it was modified, moved, truncated, extended or encrypted under another key", e.Message);
    }

    [Property(MaxTest = 40)]
    public void Any_content_and_chunk_size_round_trip(byte[] content, PositiveInt chunkExtra)
    {
        using var key = SymmetricKey.Generate();
        var chunkSize = ChunkedEncryptionStream.MinChunkSize + (chunkExtra.Get % 3000);
        var bigger = content.Length > 0 ? Enumerable.Repeat(content, 1 + (chunkSize / content.Length)).SelectMany(b => b).ToArray() : content;
        using var encrypted = new MemoryStream();
        ArtifactCipher.Encrypt(new MemoryStream(bigger), encrypted, ArtifactKey.FromSymmetricKey(key), chunkSize);
        encrypted.Position = 0;
        using var decrypted = new MemoryStream();
        ArtifactCipher.Decrypt(encrypted, decrypted, ArtifactKey.FromSymmetricKey(key), "property");
        Assert.Equal(bigger, decrypted.ToArray());
    }

    private sealed class ForwardOnly(byte[] bytes) : ForwardReadStream("a forward-only test stream")
    {
        private readonly MemoryStream _bytes = new(bytes);

        public override int Read(Span<byte> buffer) => _bytes.Read(buffer);
    }
}
