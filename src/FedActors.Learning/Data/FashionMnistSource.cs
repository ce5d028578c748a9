namespace FedActors.Learning.Data;

/// <summary>
/// Fashion-MNIST from Debian's <c>dataset-fashion-mnist</c> package, which installs the four
/// gzipped IDX files under <c>/usr/share/datasets/fashion-mnist</c>. Nothing is fetched.
/// </summary>
public sealed class FashionMnistSource
{
    /// <summary>Where Debian installs the files.</summary>
    public const string DefaultDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>The command that installs the source.</summary>
    public const string InstallCommand = "sudo apt-get install dataset-fashion-mnist";

    /// <summary>Reads from <paramref name="directory"/> (Debian's location by default).</summary>
    public FashionMnistSource(string directory = DefaultDirectory)
    {
        Directory = directory;
    }

    /// <summary>The directory holding the gzipped IDX files.</summary>
    public string Directory { get; }

    /// <summary>Loads 60,000 training and 10,000 test images ([28, 28, 1], scaled to [0, 1], 10 classes).</summary>
    /// <exception cref="DataSourceException">The package is not installed (the message gives the apt-get command).</exception>
    /// <exception cref="DataFormatException">A file is corrupt.</exception>
    public DataSplit Load()
    {
        string[] names = ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"];
        foreach (var name in names)
        {
            var path = Path.Combine(Directory, name);
            if (!File.Exists(path))
            {
                throw new DataSourceException($"Fashion-MNIST is not installed: {path} is missing.", InstallCommand);
            }
        }
        return new DataSplit(
            IdxImages.Load("fashion-mnist-train", Path.Combine(Directory, names[0]), Path.Combine(Directory, names[1]), 10),
            IdxImages.Load("fashion-mnist-test", Path.Combine(Directory, names[2]), Path.Combine(Directory, names[3]), 10));
    }
}
