using FedActors.Learning.Tensors;

namespace FedActors.Learning.Data;

/// <summary>
/// A site's own training data in a directory, in one of the two layouts the library reads: MNIST-style IDX files
/// (<see cref="IdxImagesFile"/> and <see cref="IdxLabelsFile"/>, each optionally gzipped with a <c>.gz</c> suffix;
/// images scaled to [0, 1] as [rows, columns, 1]) or one scikit-learn-style CSV (<see cref="CsvFile"/>: a header
/// <c>samples,features,class names…</c>, then the feature values and the class index of each sample, used as they are,
/// so they must already be on the scale the federation agreed on). Every sample is checked against the shape and class
/// count the model was built for, so a site whose data does not fit the federation's model is refused before training.
/// </summary>
public static class DataDirectory
{
    /// <summary>The IDX image file of the IDX layout (<c>[count, rows, columns]</c> unsigned bytes).</summary>
    public const string IdxImagesFile = "train-images-idx3-ubyte";

    /// <summary>The IDX label file of the IDX layout (<c>[count]</c> unsigned bytes, each a class index).</summary>
    public const string IdxLabelsFile = "train-labels-idx1-ubyte";

    /// <summary>The CSV file of the CSV layout.</summary>
    public const string CsvFile = "train.csv";

    /// <summary>
    /// Loads every sample in <paramref name="directory"/> as one training set named after the directory.
    /// </summary>
    /// <param name="directory">The site's data directory.</param>
    /// <param name="sampleShape">The shape every sample must have (the model's input).</param>
    /// <param name="classes">The class count the model predicts: every label must be in [0, classes), and a CSV header must name exactly that many classes.</param>
    /// <returns>The site's samples, in file order.</returns>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="FileNotFoundException">The directory holds neither layout, or only half of the IDX layout.</exception>
    /// <exception cref="DataFormatException">It holds both layouts, a file is malformed, or the samples' shape or classes differ from those expected; the message names the file.</exception>
    public static Dataset Load(string directory, TensorShape sampleShape, int classes)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(sampleShape);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The data directory {directory} does not exist; it must hold {Layouts}.");
        }
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)));
        var images = Find(directory, IdxImagesFile);
        var labels = Find(directory, IdxLabelsFile);
        var csv = Path.Combine(directory, CsvFile);
        var hasCsv = File.Exists(csv);
        if (hasCsv && (images ?? labels) is not null)
        {
            throw new DataFormatException($"The data directory {directory} holds both {CsvFile} and IDX files; keep one layout ({Layouts}).");
        }
        if (hasCsv)
        {
            return LoadCsv(name, csv, sampleShape, classes);
        }
        if (images is null || labels is null)
        {
            throw new FileNotFoundException(
                images is null && labels is null
                    ? $"The data directory {directory} holds no training data; it must hold {Layouts}."
                    : $"The data directory {directory} holds {Path.GetFileName(images ?? labels)} without {(images is null ? IdxImagesFile : IdxLabelsFile)}[.gz]; the IDX layout needs both.",
                images is null ? Path.Combine(directory, IdxImagesFile) : Path.Combine(directory, IdxLabelsFile));
        }
        var data = IdxImages.Load(name, images, labels, classes);
        if (!data.SampleShape.Equals(sampleShape))
        {
            throw new DataFormatException($"{images}: its images are samples of shape {data.SampleShape} (rows, columns, 1 channel), but the model takes samples of shape {sampleShape}.");
        }
        return data;
    }

    private static string Layouts => $"either {IdxImagesFile} and {IdxLabelsFile} (IDX, optionally .gz) or {CsvFile} (header 'samples,features,class names…')";

    private static string? Find(string directory, string file)
    {
        var plain = Path.Combine(directory, file);
        var gzipped = plain + ".gz";
        return File.Exists(plain) ? plain : File.Exists(gzipped) ? gzipped : null;
    }

    private static Dataset LoadCsv(string name, string path, TensorShape sampleShape, int classes)
    {
        var (features, labels, classNames) = SklearnCsv.Parse(File.ReadAllText(path), path);
        var count = labels.Length;
        var shape = new TensorShape(features.Length / count);
        if (!shape.Equals(sampleShape))
        {
            throw new DataFormatException($"{path}: its samples have {shape[0]} features (shape {shape}), but the model takes samples of shape {sampleShape}.");
        }
        if (classNames.Length != classes)
        {
            throw new DataFormatException($"{path}: its header names {classNames.Length} classes, but the model predicts {classes}.");
        }
        return new Dataset(name, new Tensor(features, shape.Prepend(count)), labels, classes);
    }
}
