using System.Security.Cryptography;
using FedActors.Federation.Journal;
using FsCheck.Xunit;

namespace FedActors.Federation.Tests.Journal;

public sealed class BlobStoreTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"fedactors-blobs-{Guid.NewGuid():N}");

    [Property(MaxTest = 30)]
    public bool Any_bytes_read_back_unchanged_under_their_sha256_address(byte[] content)
    {
        var store = new BlobStore(_directory);
        var address = store.Put(content);
        return address.AsSpan().SequenceEqual(SHA256.HashData(content)) && store.Get(address).AsSpan().SequenceEqual(content);
    }

    [Fact]
    public void A_blob_lives_under_the_first_two_hex_digits_of_its_hash_and_is_written_once()
    {
        var store = new BlobStore(_directory);
        var address = store.Put([1, 2, 3]);
        var hex = Convert.ToHexStringLower(address);
        var path = Path.Combine(_directory, BlobStore.FolderName, hex[..2], hex[2..]);
        Assert.Equal(path, store.PathOf(address));
        var written = File.GetLastWriteTimeUtc(path);

        Assert.Equal(address, store.Put([1, 2, 3]));

        Assert.Equal(written, File.GetLastWriteTimeUtc(path));
        Assert.Single(Directory.EnumerateFiles(store.Directory, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void A_flipped_byte_is_detected_on_read_naming_the_blob_and_its_file()
    {
        var store = new BlobStore(_directory);
        var address = store.Put(new byte[100]);
        var path = store.PathOf(address);
        var bytes = File.ReadAllBytes(path);
        bytes[42] ^= 0x80;
        File.WriteAllBytes(path, bytes);

        var e = Assert.Throws<InvalidDataException>(() => store.Get(address));

        Assert.Contains(Convert.ToHexStringLower(address), e.Message, StringComparison.Ordinal);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_blob_or_a_malformed_address_is_refused_with_what_is_wrong()
    {
        var store = new BlobStore(_directory);
        Assert.Contains("missing", Assert.Throws<FileNotFoundException>(() => store.Get(new byte[32])).Message, StringComparison.Ordinal);
        Assert.Contains("32-byte", Assert.Throws<ArgumentException>(() => store.PathOf(new byte[5])).Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
