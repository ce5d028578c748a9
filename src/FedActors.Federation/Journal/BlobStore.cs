using System.Security.Cryptography;

namespace FedActors.Federation.Journal;

/// <summary>
/// A run's content-addressed store (<c>persistence.store-ciphertexts = on</c>): each blob lives at
/// <c>blobs/ab/cdef…</c> in the run directory, named by the SHA-256 of its bytes (lower-case hex, the first
/// two digits as a sub-directory). Blobs are written once (whole or not at all) and verified on every read.
/// Contributions are stored as the bytes their signature's payload hash covers, so a journaled
/// <c>ContributionAccepted.contribution_hash</c> is the address of its payload.
/// </summary>
public sealed class BlobStore
{
    /// <summary>The sub-directory of the run directory that holds the blobs.</summary>
    public const string FolderName = "blobs";

    /// <summary>The blob store in <paramref name="runDirectory"/>/<see cref="FolderName"/>.</summary>
    public BlobStore(string runDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runDirectory);
        Directory = Path.Combine(runDirectory, FolderName);
    }

    /// <summary>The directory holding the blobs.</summary>
    public string Directory { get; }

    /// <summary>The file of the blob whose SHA-256 is <paramref name="hash"/>.</summary>
    /// <exception cref="ArgumentException">The hash is not 32 bytes.</exception>
    public string PathOf(ReadOnlySpan<byte> hash)
    {
        if (hash.Length != SHA256.HashSizeInBytes)
        {
            throw new ArgumentException($"A blob address is a {SHA256.HashSizeInBytes}-byte SHA-256, got {hash.Length} bytes.", nameof(hash));
        }
        var hex = Convert.ToHexStringLower(hash);
        return Path.Combine(Directory, hex[..2], hex[2..]);
    }

    /// <summary>True when the blob with address <paramref name="hash"/> is stored (its contents are not checked).</summary>
    public bool Contains(ReadOnlySpan<byte> hash) => File.Exists(PathOf(hash));

    /// <summary>Stores <paramref name="content"/> unless a blob with its hash exists, and returns its address (SHA-256).</summary>
    public byte[] Put(ReadOnlySpan<byte> content)
    {
        var hash = SHA256.HashData(content);
        var path = PathOf(hash);
        if (File.Exists(path))
        {
            return hash;
        }
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }
        // Same address, same bytes: if another writer got there first, its blob is as good as ours.
        File.Move(temporary, path, overwrite: true);
        return hash;
    }

    /// <summary>Reads the blob with address <paramref name="hash"/> and checks that its bytes still hash to it.</summary>
    /// <exception cref="FileNotFoundException">The blob is missing.</exception>
    /// <exception cref="InvalidDataException">The blob's bytes do not hash to its address (names blob and file).</exception>
    public byte[] Get(ReadOnlySpan<byte> hash)
    {
        var path = PathOf(hash);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Blob {Convert.ToHexStringLower(hash)} is missing from the run's blob store: {path}.", path);
        }
        var content = File.ReadAllBytes(path);
        var actual = SHA256.HashData(content);
        if (!actual.AsSpan().SequenceEqual(hash))
        {
            throw new InvalidDataException(
                $"Blob {Convert.ToHexStringLower(hash)} is corrupt: file {path} hashes to {Convert.ToHexStringLower(actual)}; it was altered after it was stored.");
        }
        return content;
    }
}
