using FedActors.Learning.Data;
using FedActors.Learning.Training;

namespace FedActors.Learning.Attacks;

/// <summary>Measures a backdoor: how often stamped test images that are not of the target class are classified as the target.</summary>
public static class BackdoorEvaluation
{
    /// <summary>
    /// The backdoor success rate in [0, 1]: among test samples whose true label is not
    /// <paramref name="target"/>, the fraction classified as <paramref name="target"/> once
    /// <paramref name="trigger"/> is stamped on them.
    /// </summary>
    /// <exception cref="ArgumentException">Every test sample has the target label.</exception>
    public static double SuccessRate(Trainer trainer, ReadOnlySpan<float> parameters, Dataset test, PixelPatternTrigger trigger, int target)
    {
        var candidates = new List<int>(test.Count);
        for (var i = 0; i < test.Count; i++)
        {
            if (test.Labels[i] != target)
            {
                candidates.Add(i);
            }
        }
        if (candidates.Count == 0)
        {
            throw new ArgumentException($"Backdoor success needs test samples outside the target class {target}; '{test.Name}' has none.", nameof(test));
        }
        var evaluation = trainer.Evaluate(parameters, test, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(candidates), trigger);
        return (double)evaluation.PredictedAs(target) / evaluation.Count;
    }
}
