using FedActors.Learning.Randomness;
using FedActors.Learning.Tensors;

namespace FedActors.Learning.Data;

/// <summary>
/// The Wisconsin breast-cancer data set (569 samples, 30 features, 2 classes) from the CSV inside
/// Debian's <c>python3-sklearn</c> package. Uses the installed file when scikit-learn is installed;
/// otherwise fetches the package once with <c>apt-get download python3-sklearn</c>, extracts it with
/// <c>dpkg-deb -x</c> and keeps only the CSV in the data cache. The CSV's counts are validated.
/// </summary>
public sealed class BreastCancerSource
{
    /// <summary>Where Debian installs the CSV with <c>python3-sklearn</c>.</summary>
    public const string InstalledPath = "/usr/lib/python3/dist-packages/sklearn/datasets/data/breast_cancer.csv";

    /// <summary>The cache entry (directory) holding the extracted CSV.</summary>
    public const string CacheEntry = "breast-cancer";

    private const string FileName = "breast_cancer.csv";
    private const string FetchCommand = "sudo apt-get update, then run the command again (it runs `apt-get download python3-sklearn`); or `sudo apt-get install python3-sklearn`";

    private readonly ICommandRunner _runner;
    private readonly string _installedPath;
    private readonly string _cacheRoot;

    /// <summary>Creates the source; tests may replace the runner and the installed path.</summary>
    public BreastCancerSource(DataCache cache, ICommandRunner? runner = null, string installedPath = InstalledPath)
    {
        _runner = runner ?? new ProcessCommandRunner();
        _installedPath = installedPath;
        _cacheRoot = cache.Root;
        CachedPath = Path.Combine(cache.PathFor(CacheEntry), FileName);
    }

    /// <summary>Where the CSV is kept once extracted.</summary>
    public string CachedPath { get; }

    /// <summary>Returns the path of a CSV to read, fetching it into the cache when needed.</summary>
    /// <exception cref="DataSourceException">apt-get or dpkg-deb is missing or failed, or the package holds no CSV.</exception>
    public string EnsureFetched()
    {
        if (File.Exists(_installedPath))
        {
            return _installedPath;
        }
        if (File.Exists(CachedPath))
        {
            return CachedPath;
        }
        Directory.CreateDirectory(_cacheRoot);
        var work = Path.Combine(_cacheRoot, $".fetch-{CacheEntry}-{Environment.ProcessId}");
        if (Directory.Exists(work))
        {
            Directory.Delete(work, recursive: true);
        }
        Directory.CreateDirectory(work);
        try
        {
            _runner.Run("apt-get", ["download", "python3-sklearn"], work, FetchCommand);
            var package = Directory.GetFiles(work, "python3-sklearn_*.deb").SingleOrDefault()
                ?? throw new DataSourceException($"`apt-get download python3-sklearn` produced no .deb in {work}.", FetchCommand);
            _runner.Run("dpkg-deb", ["-x", package, "root"], work, "sudo apt-get install dpkg");
            var extracted = Path.Combine(work, "root", InstalledPath.TrimStart('/'));
            if (!File.Exists(extracted))
            {
                throw new DataSourceException($"{Path.GetFileName(package)} does not contain {InstalledPath}.", FetchCommand);
            }
            Directory.CreateDirectory(Path.GetDirectoryName(CachedPath)!);
            File.Copy(extracted, CachedPath + ".tmp", overwrite: true);
            File.Move(CachedPath + ".tmp", CachedPath, overwrite: true);
            return CachedPath;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>
    /// Loads the data set and splits it: a seeded shuffle, the first 80% to train, the rest to test;
    /// features standardised with the training part's mean and standard deviation.
    /// </summary>
    /// <exception cref="DataSourceException">The source is missing (the message says how to fix it).</exception>
    /// <exception cref="DataFormatException">The CSV is corrupt.</exception>
    public DataSplit Load(ulong seed)
    {
        var path = EnsureFetched();
        var (x, y, classes) = SklearnCsv.Parse(File.ReadAllText(path), path);
        var samples = y.Length;
        var features = x.Length / samples;
        var order = Enumerable.Range(0, samples).ToArray();
        new SeededRandom(seed).Shuffle(order.AsSpan());
        var trainCount = (int)Math.Round(samples * 0.8);
        var mean = new double[features];
        var std = new double[features];
        for (var i = 0; i < trainCount; i++)
        {
            for (var f = 0; f < features; f++)
            {
                mean[f] += x[order[i] * features + f];
            }
        }
        for (var f = 0; f < features; f++)
        {
            mean[f] /= trainCount;
        }
        for (var i = 0; i < trainCount; i++)
        {
            for (var f = 0; f < features; f++)
            {
                var d = x[order[i] * features + f] - mean[f];
                std[f] += d * d;
            }
        }
        for (var f = 0; f < features; f++)
        {
            std[f] = Math.Sqrt(std[f] / trainCount);
            std[f] = std[f] > 0 ? std[f] : 1;
        }
        Dataset Part(string name, int from, int count)
        {
            var data = new float[count * features];
            var labels = new int[count];
            for (var i = 0; i < count; i++)
            {
                var source = order[from + i];
                for (var f = 0; f < features; f++)
                {
                    data[i * features + f] = (float)((x[source * features + f] - mean[f]) / std[f]);
                }
                labels[i] = y[source];
            }
            return new Dataset(name, new Tensor(data, new TensorShape(count, features)), labels, classes.Length);
        }
        return new DataSplit(Part("breast-cancer-train", 0, trainCount), Part("breast-cancer-test", trainCount, samples - trainCount));
    }
}
