using System.Data.Common;
using FedActors.Persistence.Journal;

namespace FedActors.Persistence.Sql;

/// <summary>
/// What differs between the SQL databases behind <see cref="SqlJournal"/> and <see cref="SqlSnapshotStore"/>:
/// connections, DDL, bulk insert and which errors are transient. Everything else is portable SQL.
/// Only this assembly provides dialects (SQLite and PostgreSQL).
/// </summary>
public abstract class SqlDialect : IAsyncDisposable
{
    private protected SqlDialect(SqlStoreSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        var prefix = settings.Schema is null ? "" : settings.Schema + ".";
        JournalTable = prefix + settings.JournalTable;
        SnapshotTable = prefix + settings.SnapshotTable;
    }

    /// <summary>The validated settings.</summary>
    public SqlStoreSettings Settings { get; }

    /// <summary>A name for the database in messages, e.g. <c>SQLite journal 'run.db'</c> (never includes credentials).</summary>
    public abstract string Name { get; }

    internal string JournalTable { get; }

    internal string SnapshotTable { get; }

    /// <inheritdoc/>
    public abstract ValueTask DisposeAsync();

    internal abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    internal abstract Task CreateSchemaAsync(DbConnection connection, CancellationToken cancellationToken);

    internal abstract Task InsertEventsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<PersistentRepr> events, CancellationToken cancellationToken);

    internal abstract bool IsTransient(Exception exception);
}
