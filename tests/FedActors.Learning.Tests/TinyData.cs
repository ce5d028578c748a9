using FedActors.Learning.Data;
using FedActors.Learning.Randomness;
using FedActors.Learning.Tensors;

namespace FedActors.Learning.Tests;

/// <summary>Small generated data sets for tests: nothing is downloaded.</summary>
internal static class TinyData
{
    /// <summary>
    /// Images of shape [side, side, 1] in [0, 1]: class c lights up row band c (plus noise), so the
    /// classes are linearly separable and a model learns them in a few epochs.
    /// </summary>
    public static Dataset Bands(int count, int classes, int side, ulong seed, string name = "bands")
    {
        var random = new SeededRandom(seed);
        var features = new float[count * side * side];
        var labels = new int[count];
        for (var i = 0; i < count; i++)
        {
            var label = i % classes;
            labels[i] = label;
            for (var y = 0; y < side; y++)
            {
                for (var x = 0; x < side; x++)
                {
                    var lit = y * classes / side == label;
                    features[(i * side + y) * side + x] = Math.Clamp((lit ? 0.7f : 0.1f) + 0.15f * (float)random.NextGaussian(), 0f, 1f);
                }
            }
        }
        return new Dataset(name, new Tensor(features, new TensorShape(count, side, side, 1)), labels, classes);
    }

    /// <summary>Labels only (features zero), for partition tests: <paramref name="perClass"/> samples of each class.</summary>
    public static Dataset Labelled(int perClass, int classes)
    {
        var labels = new int[perClass * classes];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = i / perClass;
        }
        return new Dataset("labels", new Tensor(new TensorShape(labels.Length, 1)), labels, classes);
    }
}
