using FedActors.Learning.Randomness;

namespace FedActors.Federation.KeyManager;

/// <summary>
/// Chooses an epoch's committee in a simulation: <c>committee-size</c> clients drawn by the scenario's seed and the
/// epoch among those not excluded (dead or refusing key holders), returned in increasing client index, so a member's
/// party id (its position + 1) is the same for everyone who knows the seed, the epoch and the exclusions.
/// </summary>
public static class CommitteeSelection
{
    /// <summary>The committee of <paramref name="epoch"/>: at most <paramref name="size"/> of the clients 0..<paramref name="clients"/>−1 not in <paramref name="excluded"/>.</summary>
    /// <param name="seed">The scenario's seed.</param>
    /// <param name="epoch">The epoch being keyed.</param>
    /// <param name="clients">The number of clients.</param>
    /// <param name="size">The committee size (fewer when not enough clients remain).</param>
    /// <param name="excluded">Client indices that may not sit on the committee.</param>
    /// <returns>Client indices in increasing order.</returns>
    public static int[] Choose(long seed, uint epoch, int clients, int size, IReadOnlySet<int> excluded)
    {
        ArgumentNullException.ThrowIfNull(excluded);
        ArgumentOutOfRangeException.ThrowIfNegative(clients);
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        var candidates = Enumerable.Range(0, clients).Where(i => !excluded.Contains(i)).ToArray();
        new SeededRandom(SeededRandom.Derive((ulong)seed, 0xC0417EE000000000UL | epoch)).Shuffle(candidates.AsSpan());
        return candidates.Take(size).Order().ToArray();
    }
}
