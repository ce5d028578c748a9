namespace FedActors.Persistence.Journal;

/// <summary>
/// Thrown when a stored row cannot be read at all: a NULL where the schema forbids it, a value of
/// the wrong type, or a hash of the wrong length. Names the table, the row's ordering (or sequence
/// number for snapshots) and the persistence id so the row can be inspected.
/// </summary>
public sealed class CorruptRowException : Exception
{
    /// <summary>Creates the exception for one unreadable row.</summary>
    public CorruptRowException(string table, long ordering, string persistenceId, string problem, Exception? inner = null)
        : base($"Corrupt row in table '{table}' at ordering {ordering} (persistence id '{persistenceId}'): {problem}. " +
               "Inspect the row; the journal will not replay past it.", inner)
    {
        Table = table;
        Ordering = ordering;
        PersistenceId = persistenceId;
    }

    /// <summary>The table holding the corrupt row.</summary>
    public string Table { get; }

    /// <summary>The row's <c>ordering</c> column (its sequence number for snapshot rows).</summary>
    public long Ordering { get; }

    /// <summary>The persistence id of the row, or empty when that column itself is unreadable.</summary>
    public string PersistenceId { get; }
}
