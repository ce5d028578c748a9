using System.Security.Cryptography;

namespace FedActors.Learning.Data;

/// <summary>A file whose exact size and SHA-256 are known in advance, so a fetched copy can be verified.</summary>
/// <param name="Name">The file name inside its directory.</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="Sha256">Its SHA-256, lower-case hex.</param>
public sealed record PinnedFile(string Name, long Size, string Sha256)
{
    /// <summary>
    /// Throws unless every pinned file exists in <paramref name="directory"/> with the pinned size and hash;
    /// <paramref name="repair"/> is the command the message tells the user to run.
    /// </summary>
    /// <exception cref="DataSourceException">A file is missing or differs.</exception>
    public static void VerifyAll(string directory, IEnumerable<PinnedFile> files, string repair)
    {
        foreach (var pin in files)
        {
            pin.Verify(directory, repair);
        }
    }

    /// <summary>Throws unless this file exists in <paramref name="directory"/> with the pinned size and hash.</summary>
    /// <exception cref="DataSourceException">The file is missing or differs.</exception>
    public void Verify(string directory, string repair)
    {
        var path = Path.Combine(directory, Name);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new DataSourceException($"{path} is missing.", repair);
        }
        if (info.Length != Size)
        {
            throw new DataSourceException($"{path} has {info.Length} bytes, expected {Size}.", repair);
        }
        using var stream = info.OpenRead();
        var actual = Convert.ToHexStringLower(SHA256.HashData(stream));
        if (actual != Sha256)
        {
            throw new DataSourceException($"{path} has SHA-256 {actual}, expected {Sha256}.", repair);
        }
    }
}
