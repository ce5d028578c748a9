using FedActors.Federation.Coordinator;
using FedActors.Federation.Journal;

namespace FedActors.Federation.Deployment;

/// <summary>
/// Which joined client node takes which client index of a cluster run. A catalog node (set, partition-index) takes its
/// partition index, the first in address order when two claim the same one. A node with its own data directory takes
/// the index the journal recorded for it when the run is resumed, else one of the indices left over: nodes in ordinal
/// order of their names, indices lowest first. The placement is a function of the joined nodes and the journal only,
/// so client selection (a function of the seed and the round) picks the same sites again when a run is resumed.
/// </summary>
internal static class ClientPlacement
{
    /// <summary>The index of an answer that takes no part in the run.</summary>
    public const int Unused = -1;

    /// <summary>Places the client nodes that joined.</summary>
    /// <param name="clients">The scenario's <c>federation.clients</c>.</param>
    /// <param name="joined">The answers of the client nodes that joined, in address order.</param>
    /// <param name="journaled">When resuming, the node whose own data each client index trained on (from the journal's roster); empty for a new run.</param>
    /// <returns>For each answer, its client index, or <see cref="Unused"/>.</returns>
    public static int[] Place(int clients, IReadOnlyList<HostJoined> joined, IReadOnlyDictionary<int, string> journaled)
    {
        ArgumentNullException.ThrowIfNull(joined);
        ArgumentNullException.ThrowIfNull(journaled);
        var placed = Enumerable.Repeat(Unused, joined.Count).ToArray();
        var taken = new bool[clients];
        // A journaled site's index stays its own: another node at that index would train on other data than the run did.
        foreach (var index in journaled.Keys.Where(i => i >= 0 && i < clients))
        {
            taken[index] = true;
        }
        for (var i = 0; i < joined.Count; i++)
        {
            var index = joined[i].ClientIndex;
            if (!joined[i].OwnData && index >= 0 && index < clients && !taken[index])
            {
                taken[index] = true;
                placed[i] = index;
            }
        }
        var ownData = Enumerable.Range(0, joined.Count).Where(i => joined[i].OwnData).OrderBy(i => joined[i].NodeName, StringComparer.Ordinal).ToArray();
        var returning = journaled.Where(p => p.Key >= 0 && p.Key < clients).ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
        var newcomers = new List<int>();
        foreach (var i in ownData)
        {
            if (returning.Remove(joined[i].NodeName, out var index))
            {
                placed[i] = index;
            }
            else
            {
                newcomers.Add(i);
            }
        }
        using var free = Enumerable.Range(0, clients).Where(i => !taken[i]).GetEnumerator();
        foreach (var i in newcomers)
        {
            if (!free.MoveNext())
            {
                break;
            }
            placed[i] = free.Current;
        }
        return placed;
    }

    /// <summary>The node whose own data each client index trained on, from the last roster <paramref name="recovered"/> journaled; empty for a new run.</summary>
    /// <param name="recovered">The journal of the run being resumed, or null.</param>
    /// <param name="clients">The scenario's <c>federation.clients</c>.</param>
    public static IReadOnlyDictionary<int, string> Journaled(JournaledRun? recovered, int clients)
    {
        if (recovered is null)
        {
            return new Dictionary<int, string>();
        }
        var roster = recovered.Resumptions.Count > 0 ? recovered.Resumptions[^1].Roster : recovered.Started.Roster;
        var byClientId = roster.Where(e => e.DataNode.Length > 0).ToDictionary(e => e.ClientId, e => e.DataNode, StringComparer.Ordinal);
        return Enumerable.Range(0, clients)
            .Where(i => byClientId.ContainsKey(CoordinatorActor.ClientId(i)))
            .ToDictionary(i => i, i => byClientId[CoordinatorActor.ClientId(i)]);
    }
}
