using FedActors.Persistence.Query;

namespace FedActors.Persistence.Journal;

/// <summary>Audits a whole journal: replays the chain of every persistence id from its first event (what <c>fedactors replay --verify</c> needs).</summary>
public static class HashChainVerifier
{
    /// <summary>
    /// Verifies every persistence id's chain, deleted events included, and returns how many live
    /// (not deleted) events each holds. Throws at the first broken link, naming it.
    /// </summary>
    /// <exception cref="JournalIntegrityException">When a chain is broken (names persistence id and sequence number).</exception>
    /// <exception cref="CorruptRowException">When a row cannot be read (names table, ordering and persistence id).</exception>
    public static async Task<IReadOnlyDictionary<string, long>> VerifyAllAsync(IJournal journal, IReadJournal queries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(queries);
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        await foreach (var persistenceId in queries.CurrentPersistenceIdsAsync(cancellationToken).ConfigureAwait(false))
        {
            long count = 0;
            await foreach (var _ in journal.ReplayMessagesAsync(persistenceId, 1, long.MaxValue, long.MaxValue, cancellationToken).ConfigureAwait(false))
            {
                count++;
            }

            counts[persistenceId] = count;
        }

        return counts;
    }
}
