using System.IO.Compression;
using FedActors.Learning.Data;
using Xunit;

namespace FedActors.Learning.Tests.Data;

public sealed class OtherSourcesTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("fedactors-data-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public void Missing_fashion_mnist_names_the_debian_package()
    {
        var ex = Assert.Throws<DataSourceException>(() => new FashionMnistSource(Path.Combine(_root.FullName, "none")).Load());
        Assert.Contains("apt-get install dataset-fashion-mnist", ex.Message);
    }

    [Fact]
    public void Fashion_mnist_reads_the_gzipped_idx_files_of_the_debian_layout()
    {
        void Write(string name, byte[] bytes)
        {
            using var file = File.Create(Path.Combine(_root.FullName, name));
            using var gzip = new GZipStream(file, CompressionLevel.Fastest);
            gzip.Write(bytes);
        }
        Write("train-images-idx3-ubyte.gz", IdxReaderTests.Idx([2, 2, 2], new byte[8]));
        Write("train-labels-idx1-ubyte.gz", IdxReaderTests.Idx([2], [4, 5]));
        Write("t10k-images-idx3-ubyte.gz", IdxReaderTests.Idx([1, 2, 2], new byte[4]));
        Write("t10k-labels-idx1-ubyte.gz", IdxReaderTests.Idx([1], [9]));
        var split = new FashionMnistSource(_root.FullName).Load();
        Assert.Equal([4, 5], split.Train.Labels.ToArray());
        Assert.Equal(9, split.Test.Labels[0]);
    }

    [Fact]
    public void Breast_cancer_is_split_80_20_by_seed_and_standardised_on_the_training_part()
    {
        var csv = Path.Combine(_root.FullName, "breast_cancer.csv");
        var lines = new List<string> { "20,2,malignant,benign" };
        for (var i = 0; i < 20; i++)
        {
            lines.Add($"{i},{100 + 3 * i},{i % 2}");
        }
        File.WriteAllLines(csv, lines);
        var source = new BreastCancerSource(new DataCache(_root.FullName), new ThrowingRunner(), csv);
        var split = source.Load(seed: 3);
        Assert.Equal(16, split.Train.Count);
        Assert.Equal(4, split.Test.Count);
        Assert.Equal(2, split.Train.Classes);
        var firstFeature = Enumerable.Range(0, 16).Select(i => (double)split.Train.Sample(i)[0]).ToArray();
        Assert.Equal(0, firstFeature.Average(), 5);
        Assert.Equal(1, Math.Sqrt(firstFeature.Select(v => v * v).Average()), 4);
        Assert.Equal(split.Train.Labels.ToArray(), source.Load(seed: 3).Train.Labels.ToArray());
    }

    [Fact]
    public void Breast_cancer_is_extracted_from_the_downloaded_package_when_not_installed()
    {
        var runner = new FakeApt();
        var source = new BreastCancerSource(new DataCache(_root.FullName), runner, Path.Combine(_root.FullName, "not-installed.csv"));
        var path = source.EnsureFetched();
        Assert.Equal(source.CachedPath, path);
        Assert.StartsWith("2,1,", File.ReadAllText(path));
        Assert.Equal(["apt-get", "dpkg-deb"], runner.Programs);
        source.EnsureFetched();
        Assert.Equal(2, runner.Programs.Count);
    }

    [Fact]
    public void A_failing_apt_get_surfaces_as_a_data_source_error()
    {
        var source = new BreastCancerSource(new DataCache(_root.FullName), new ThrowingRunner(), Path.Combine(_root.FullName, "not-installed.csv"));
        var ex = Assert.Throws<DataSourceException>(() => source.Load(1));
        Assert.Contains("apt-get", ex.InstallCommand);
    }

    private sealed class ThrowingRunner : ICommandRunner
    {
        public void Run(string program, IReadOnlyList<string> arguments, string workingDirectory, string installCommand) =>
            throw new DataSourceException($"`{program}` failed.", installCommand);
    }

    /// <summary>Plays apt-get download (writes a .deb) and dpkg-deb -x (writes the CSV at the package's path).</summary>
    private sealed class FakeApt : ICommandRunner
    {
        public List<string> Programs { get; } = [];

        public void Run(string program, IReadOnlyList<string> arguments, string workingDirectory, string installCommand)
        {
            Programs.Add(program);
            if (program == "apt-get")
            {
                File.WriteAllText(Path.Combine(workingDirectory, "python3-sklearn_1.2.1+dfsg-1_all.deb"), "deb");
                return;
            }
            var target = Path.Combine(workingDirectory, arguments[2], BreastCancerSource.InstalledPath.TrimStart('/'));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, "2,1,a,b\n1,0\n2,1\n");
        }
    }
}
