using System.Numerics.Tensors;

namespace FedActors.Federation.Client.Adversaries;

/// <summary>
/// The colluders of an omniscient-among-colluders attack (<c>ipm</c>, <c>alie</c>): they pool their own
/// honestly trained, clipped updates of the round to estimate the benign mean and spread, which is the
/// colluder setting of Baruch et al. 2019 (they never see an honest client's update).
/// </summary>
/// <remarks>
/// No colluder waits for another: the first selected colluder of a round computes every member's honest
/// update from the round's global model and that member's own seed (selected or not), and the others of
/// the round share that result. So a round with one colluder selected cannot deadlock, and the figures
/// depend only on the seed, not on which colluder runs first.
/// </remarks>
public sealed class Coalition
{
    private readonly Func<int, ulong> _clientSeed;
    private readonly Lock _lock = new();
    private (int Round, Task<float[][]> Updates)? _current;

    /// <summary>Creates a coalition of the clients <paramref name="members"/>, whose training seeds <paramref name="clientSeed"/> gives.</summary>
    /// <exception cref="ArgumentException">There are no members.</exception>
    public Coalition(IReadOnlyList<int> members, Func<int, ulong> clientSeed)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(clientSeed);
        if (members.Count == 0)
        {
            throw new ArgumentException("A coalition needs at least one member.", nameof(members));
        }
        Members = members.Order().ToArray();
        _clientSeed = clientSeed;
    }

    /// <summary>The colluding clients' indices, ascending.</summary>
    public IReadOnlyList<int> Members { get; }

    /// <summary>Every member's honest clipped update for <paramref name="round"/>, in <see cref="Members"/> order (computed once per round).</summary>
    /// <param name="round">The round being played.</param>
    /// <returns>The updates; callers must not modify them.</returns>
    public Task<float[][]> HonestUpdatesAsync(AdversaryRound round)
    {
        ArgumentNullException.ThrowIfNull(round);
        lock (_lock)
        {
            if (_current is not { } current || current.Round != round.Round)
            {
                current = (round.Round, ComputeAsync(round));
                _current = current;
            }
            return current.Updates;
        }
    }

    private async Task<float[][]> ComputeAsync(AdversaryRound round)
    {
        var plan = new TrainingPlan(round.Node.Training);
        var jobs = Members.Select(m => LocalTraining.RunAsync(round.Node, round.Global, m, _clientSeed(m), round.Round, plan, round.Request.ClipNorm));
        return await Task.WhenAll(jobs).ConfigureAwait(false);
    }

    /// <summary>
    /// Makes member <paramref name="client"/>'s copy of the coalition's common vector distinct from the others' by scaling it
    /// with 1 + 2⁻²⁰·k for the k-th member: identical vectors would be rejected by the Coordinator as re-signed copies
    /// (<c>replay</c>), which any real coalition avoids; the change is far below the attack's own effect.
    /// </summary>
    /// <param name="client">The member's client index.</param>
    /// <param name="update">The common vector, rewritten in place.</param>
    public void Individualize(int client, Span<float> update)
    {
        var rank = Members.ToList().IndexOf(client);
        if (rank < 0)
        {
            throw new ArgumentException($"Client {client} is not a member of this coalition ({string.Join(", ", Members)}).", nameof(client));
        }
        System.Numerics.Tensors.TensorPrimitives.Multiply(update, 1f + rank * MathF.Pow(2, -20), update);
    }

    /// <summary>Per-coordinate mean and (population) standard deviation of <paramref name="updates"/>.</summary>
    /// <param name="updates">Equal-length vectors, at least one.</param>
    /// <returns>The mean and standard deviation vectors.</returns>
    public static (float[] Mean, float[] Std) Moments(IReadOnlyList<float[]> updates)
    {
        ArgumentNullException.ThrowIfNull(updates);
        var length = updates[0].Length;
        var mean = new float[length];
        var std = new float[length];
        var difference = new float[length];
        // Whole-vector passes (SIMD) rather than a loop per coordinate: two passes over each update.
        for (var k = 0; k < updates.Count; k++)
        {
            TensorPrimitives.Add(mean, updates[k], mean);
        }
        TensorPrimitives.Multiply(mean, 1f / updates.Count, mean);
        for (var k = 0; k < updates.Count; k++)
        {
            TensorPrimitives.Subtract(updates[k], mean, difference);
            TensorPrimitives.MultiplyAdd(difference, difference, std, std);
        }
        TensorPrimitives.Multiply(std, 1f / updates.Count, std);
        TensorPrimitives.Sqrt(std, std);
        return (mean, std);
    }
}
