namespace FedActors.Learning.Training;

/// <summary>
/// A model's quality on a set of samples: accuracy, mean cross-entropy loss, and the confusion
/// matrix (rows = true class, columns = predicted class) from which per-class recall follows.
/// </summary>
public sealed class Evaluation
{
    private readonly int[] _confusion;

    /// <summary>Creates an evaluation from a row-major classes×classes confusion matrix and the summed loss.</summary>
    /// <exception cref="ArgumentException">The matrix is not square in <paramref name="classes"/>.</exception>
    public Evaluation(int classes, int[] confusion, double totalLoss)
    {
        if (confusion.Length != classes * classes)
        {
            throw new ArgumentException($"A confusion matrix for {classes} classes has {classes * classes} cells, got {confusion.Length}.", nameof(confusion));
        }
        Classes = classes;
        _confusion = confusion;
        Count = confusion.Sum();
        var correct = 0;
        for (var c = 0; c < classes; c++)
        {
            correct += confusion[c * classes + c];
        }
        Correct = correct;
        Loss = Count == 0 ? 0 : totalLoss / Count;
    }

    /// <summary>Number of classes.</summary>
    public int Classes { get; }

    /// <summary>Number of samples evaluated.</summary>
    public int Count { get; }

    /// <summary>Number of samples predicted correctly.</summary>
    public int Correct { get; }

    /// <summary>Fraction predicted correctly, in [0, 1] (0 for no samples).</summary>
    public double Accuracy => Count == 0 ? 0 : (double)Correct / Count;

    /// <summary>Mean cross-entropy loss.</summary>
    public double Loss { get; }

    /// <summary>The confusion matrix, row-major (true class × predicted class).</summary>
    public ReadOnlySpan<int> ConfusionMatrix => _confusion;

    /// <summary>How many samples of class <paramref name="actual"/> were predicted as <paramref name="predicted"/>.</summary>
    public int Confusion(int actual, int predicted) => _confusion[actual * Classes + predicted];

    /// <summary>How many samples were predicted as <paramref name="predicted"/>, whatever their class.</summary>
    public int PredictedAs(int predicted)
    {
        var total = 0;
        for (var actual = 0; actual < Classes; actual++)
        {
            total += _confusion[actual * Classes + predicted];
        }
        return total;
    }

    /// <summary>Recall of class <paramref name="c"/>: correct predictions over its samples (NaN when it has none).</summary>
    public double Recall(int c)
    {
        var row = _confusion.AsSpan(c * Classes, Classes);
        var total = 0;
        foreach (var n in row)
        {
            total += n;
        }
        return total == 0 ? double.NaN : (double)row[c] / total;
    }

    /// <summary>Recall of every class, in class order.</summary>
    public double[] PerClassRecall() => Enumerable.Range(0, Classes).Select(Recall).ToArray();
}
