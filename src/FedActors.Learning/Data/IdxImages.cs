using FedActors.Learning.Tensors;

namespace FedActors.Learning.Data;

/// <summary>Builds an image <see cref="Dataset"/> from an IDX image file and its IDX label file (MNIST layout).</summary>
public static class IdxImages
{
    /// <summary>
    /// Loads images [count, rows, columns] scaled to [0, 1] as [count, rows, columns, 1] and labels
    /// [count] in [0, <paramref name="classes"/>).
    /// </summary>
    /// <exception cref="DataFormatException">A file is malformed, the counts differ, or a label is out of range.</exception>
    public static Dataset Load(string name, string imagesPath, string labelsPath, int classes)
    {
        var images = IdxReader.ReadFile(imagesPath);
        var labels = IdxReader.ReadFile(labelsPath);
        return Create(name, images, labels, classes, imagesPath, labelsPath);
    }

    /// <summary>Builds the data set from parsed arrays; the paths only name the sources in error messages.</summary>
    /// <exception cref="DataFormatException">The ranks, counts or labels are wrong.</exception>
    public static Dataset Create(string name, IdxArray images, IdxArray labels, int classes, string imagesSource, string labelsSource)
    {
        if (images.Dimensions.Length != 3)
        {
            throw new DataFormatException($"{imagesSource}: image file must have 3 dimensions [count, rows, columns], has [{string.Join(", ", images.Dimensions)}].");
        }
        if (labels.Dimensions.Length != 1)
        {
            throw new DataFormatException($"{labelsSource}: label file must have 1 dimension [count], has [{string.Join(", ", labels.Dimensions)}].");
        }
        var count = images.Dimensions[0];
        if (labels.Dimensions[0] != count)
        {
            throw new DataFormatException($"{labelsSource}: {labels.Dimensions[0]} labels for {count} images in {imagesSource}.");
        }
        var label = new int[count];
        for (var i = 0; i < count; i++)
        {
            label[i] = labels.Data[i];
            if (label[i] >= classes)
            {
                throw new DataFormatException($"{labelsSource}: label {label[i]} of item {i} is outside [0, {classes}).");
            }
        }
        var features = new float[images.Data.Length];
        for (var i = 0; i < features.Length; i++)
        {
            features[i] = images.Data[i] / 255f;
        }
        var shape = new TensorShape(count, images.Dimensions[1], images.Dimensions[2], 1);
        return new Dataset(name, new Tensor(features, shape), label, classes);
    }
}
