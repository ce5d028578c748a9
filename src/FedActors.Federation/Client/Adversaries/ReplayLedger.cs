using System.Collections.Concurrent;

namespace FedActors.Federation.Client.Adversaries;

/// <summary>
/// The simulation's record of replays the protocol cannot detect (<c>rerandomized-copy</c>): the attackers note each
/// re-randomized copy they send, and the runner's oracle view counts them as undetected replays of rounds that
/// complete. Only the runner and the attackers reach it; the Coordinator never does. Thread-safe.
/// </summary>
public sealed class ReplayLedger
{
    private readonly ConcurrentDictionary<uint, int> _sent = new();

    /// <summary>Notes one re-randomized copy sent in <paramref name="round"/>.</summary>
    public void RecordUndetectable(uint round) => _sent.AddOrUpdate(round, 1, (_, n) => n + 1);

    /// <summary>The re-randomized copies sent in <paramref name="round"/>, forgetting them.</summary>
    public int Take(uint round) => _sent.TryRemove(round, out var count) ? count : 0;
}
