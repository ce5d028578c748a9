using FedActors.Federation.Aggregation;
using FedActors.Federation.Client.Adversaries;
using FedActors.Federation.Simulation;
using FedActors.Learning.Randomness;

namespace FedActors.Federation.Client;

/// <summary>
/// A client's local training in one round: train on its partition from the round's global model on
/// the node's trainer pool, then clip. The one place that fixes how a client's round seed is derived,
/// so a colluder recomputing another client's honest update gets exactly that client's update.
/// </summary>
public static class LocalTraining
{
    /// <summary>
    /// Trains client <paramref name="index"/> (seed <paramref name="clientSeed"/>) for <paramref name="round"/>
    /// as <paramref name="plan"/> says and returns its update Δ, clipped to <paramref name="clipNorm"/> (0 = no clipping).
    /// A plan that skips training gives zeros.
    /// </summary>
    /// <returns>The clipped update.</returns>
    public static async Task<float[]> RunAsync(SimulationNode node, GlobalModel global, int index, ulong clientSeed, int round, TrainingPlan plan, double clipNorm)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(global);
        ArgumentNullException.ThrowIfNull(plan);
        var delta = new float[node.Spec.ParameterCount];
        if (!plan.Skip)
        {
            var seed = SeededRandom.Derive(clientSeed, (ulong)round);
            await node.Pool.RunAsync(node.Spec, t => t.Train(global.Parameters, delta, node.Data.Train, node.Partition.Indices(index), plan.Options, seed, plan.Transform)).ConfigureAwait(false);
        }
        if (clipNorm > 0)
        {
            UpdateClipping.ClipInPlace(delta, clipNorm);
        }
        return delta;
    }
}
