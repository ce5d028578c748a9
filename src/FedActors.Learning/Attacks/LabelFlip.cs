using FedActors.Learning.Randomness;
using FedActors.Learning.Tensors;
using FedActors.Learning.Training;

namespace FedActors.Learning.Attacks;

/// <summary>
/// The label-flipping attacker's data (Tolpegin et al. 2020): samples of <see cref="Source"/> are
/// relabelled <see cref="Target"/>, or, with <see cref="All"/>, every label l becomes classes − 1 − l.
/// Each eligible sample is flipped with probability <see cref="Fraction"/>, drawn from the trainer's seed.
/// </summary>
public sealed class LabelFlip : IBatchTransform
{
    private LabelFlip(int source, int target, int classes, double fraction)
    {
        if (!(fraction >= 0 && fraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, $"attacks.fraction must be in [0, 1], was {fraction}");
        }
        Source = source;
        Target = target;
        Classes = classes;
        Fraction = fraction;
    }

    /// <summary>The label flipped (−1 with <see cref="All"/>).</summary>
    public int Source { get; }

    /// <summary>The label it becomes (−1 with <see cref="All"/>).</summary>
    public int Target { get; }

    /// <summary>Number of classes (used by <see cref="All"/>).</summary>
    public int Classes { get; }

    /// <summary>Probability that an eligible sample is flipped.</summary>
    public double Fraction { get; }

    /// <summary>True when every label l is flipped to classes − 1 − l.</summary>
    public bool All => Source < 0;

    /// <summary>Flips <paramref name="source"/> to <paramref name="target"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A label is outside [0, classes), or the fraction outside [0, 1].</exception>
    public static LabelFlip SourceToTarget(int source, int target, int classes, double fraction = 1)
    {
        if ((uint)source >= (uint)classes || (uint)target >= (uint)classes)
        {
            throw new ArgumentOutOfRangeException(nameof(source), $"attacks.source and attacks.target must be in [0, {classes}), were {source} and {target}");
        }
        return new LabelFlip(source, target, classes, fraction);
    }

    /// <summary>Flips every label l to classes − 1 − l.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than 2 classes, or the fraction outside [0, 1].</exception>
    public static LabelFlip Everything(int classes, double fraction = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        return new LabelFlip(-1, -1, classes, fraction);
    }

    /// <inheritdoc />
    public void Apply(Span<float> features, Span<int> labels, int count, TensorShape sampleShape, SeededRandom random)
    {
        for (var i = 0; i < count; i++)
        {
            if ((All || labels[i] == Source) && (Fraction >= 1 || random.NextDouble() < Fraction))
            {
                labels[i] = All ? Classes - 1 - labels[i] : Target;
            }
        }
    }
}
