using FedActors.Learning.Randomness;
using FedActors.Learning.Tensors;
using FedActors.Learning.Training;

namespace FedActors.Learning.Attacks;

/// <summary>
/// The data poisoning of a backdoor attacker: in each mini-batch, round(fraction · batch) samples
/// chosen from the trainer's seeded random get the trigger stamped and their label set to the target
/// (Bagdasaryan et al. 2020 train on such mixed batches before boosting the update).
/// </summary>
public sealed class BackdoorPoisoning : IBatchTransform
{
    /// <summary>Creates the poisoning.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The target is negative or the fraction is outside [0, 1].</exception>
    public BackdoorPoisoning(PixelPatternTrigger trigger, int target, double fraction)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(target);
        if (!(fraction >= 0 && fraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, $"attacks.poison-fraction must be in [0, 1], was {fraction}");
        }
        Trigger = trigger;
        Target = target;
        Fraction = fraction;
    }

    /// <summary>The trigger stamped into poisoned samples.</summary>
    public PixelPatternTrigger Trigger { get; }

    /// <summary>The label poisoned samples are given.</summary>
    public int Target { get; }

    /// <summary>The fraction of each batch poisoned.</summary>
    public double Fraction { get; }

    /// <inheritdoc />
    public void Apply(Span<float> features, Span<int> labels, int count, TensorShape sampleShape, SeededRandom random)
    {
        var poisoned = (int)Math.Round(Fraction * count);
        if (poisoned == 0)
        {
            return;
        }
        var size = sampleShape.Size;
        Span<int> chosen = count <= 1024 ? stackalloc int[count] : new int[count];
        for (var i = 0; i < count; i++)
        {
            chosen[i] = i;
        }
        // A partial Fisher–Yates shuffle picks `poisoned` distinct samples.
        for (var i = 0; i < poisoned; i++)
        {
            var j = i + random.NextInt(count - i);
            (chosen[i], chosen[j]) = (chosen[j], chosen[i]);
            Trigger.Stamp(features.Slice(chosen[i] * size, size), sampleShape);
            labels[chosen[i]] = Target;
        }
    }
}
