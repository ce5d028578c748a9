using FedActors.Learning.Tensors;

namespace FedActors.Learning.Data;

/// <summary>
/// A labelled classification data set held in memory: features as one tensor [count, sample shape]
/// (images are [height, width, channels], scaled to [0, 1]) and one integer label per sample in
/// [0, <see cref="Classes"/>). Immutable by convention: trainers copy samples into their own batch
/// buffers, so one data set is shared by every simulated client.
/// </summary>
public sealed class Dataset
{
    private readonly int[] _labels;

    /// <summary>Creates a data set; <paramref name="features"/>' outer dimension is the sample count.</summary>
    /// <exception cref="ArgumentException">Label count and sample count differ, or a label is outside [0, classes).</exception>
    public Dataset(string name, Tensor features, int[] labels, int classes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (features.Shape.Rank < 2)
        {
            throw new ArgumentException($"Data set '{name}': features need shape [count, ...], got {features.Shape}.", nameof(features));
        }
        if (features.Shape[0] != labels.Length)
        {
            throw new ArgumentException($"Data set '{name}' has {features.Shape[0]} samples but {labels.Length} labels.", nameof(labels));
        }
        if (classes < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(classes), $"Data set '{name}' needs at least 2 classes, was {classes}.");
        }
        for (var i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classes)
            {
                throw new ArgumentException($"Data set '{name}': label {labels[i]} of sample {i} is outside [0, {classes}).", nameof(labels));
            }
        }
        Name = name;
        Features = features;
        _labels = labels;
        Classes = classes;
        SampleShape = features.Shape.Inner;
    }

    /// <summary>The data set's name, e.g. <c>mnist-train</c>.</summary>
    public string Name { get; }

    /// <summary>All samples, [count, sample shape].</summary>
    public Tensor Features { get; }

    /// <summary>The label of each sample.</summary>
    public ReadOnlySpan<int> Labels => _labels;

    /// <summary>Number of classes.</summary>
    public int Classes { get; }

    /// <summary>Number of samples.</summary>
    public int Count => _labels.Length;

    /// <summary>The shape of one sample.</summary>
    public TensorShape SampleShape { get; }

    /// <summary>The features of sample <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> Sample(int index) => Features.Row(index);

    /// <summary>How many samples carry each label (length <see cref="Classes"/>).</summary>
    public int[] LabelCounts()
    {
        var counts = new int[Classes];
        foreach (var label in _labels)
        {
            counts[label]++;
        }
        return counts;
    }

    /// <summary>A new data set holding copies of the samples at <paramref name="indices"/>, in that order.</summary>
    /// <exception cref="ArgumentException"><paramref name="indices"/> is empty.</exception>
    public Dataset Subset(ReadOnlySpan<int> indices, string name)
    {
        if (indices.IsEmpty)
        {
            throw new ArgumentException($"A subset of '{Name}' needs at least one sample.", nameof(indices));
        }
        var features = new Tensor(SampleShape.Prepend(indices.Length));
        var labels = new int[indices.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            Sample(indices[i]).CopyTo(features.Row(i));
            labels[i] = _labels[indices[i]];
        }
        return new Dataset(name, features, labels, Classes);
    }
}
