using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using FedActors.Persistence.Journal;
using FedActors.Persistence.Query;
using FedActors.Persistence.Resilience;

namespace FedActors.Persistence.Sql;

/// <summary>
/// The journal on a SQL database (schema after Akka.Persistence.Sql plus <c>prev_hash</c>/<c>hash</c>).
/// Writes go through one writer queue that groups concurrent callers into one transaction of up to
/// <see cref="SqlStoreSettings.BatchSize"/> events; if a grouped transaction fails, each caller's
/// writes are retried in a transaction of their own so one caller's fault never fails another.
/// Every database call runs under the store's <see cref="ResiliencePolicy"/>.
/// </summary>
public sealed class SqlJournal : IJournal, IReadJournal
{
    private const string Columns =
        "ordering, persistence_id, sequence_number, deleted, created, manifest, serializer_id, payload, tags, writer_uuid, prev_hash, hash";

    private const int MaxCachedTips = 100_000;

    private readonly SqlDialect _dialect;
    private readonly TimeProvider _time;
    private readonly ResiliencePolicy _policy;
    private readonly Channel<WriteRequest> _queue = Channel.CreateUnbounded<WriteRequest>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, Tip> _tips = new(StringComparer.Ordinal);
    private readonly SchemaInitializer _schema;
    private readonly Task _writer;
    private long _committedTransactions;

    internal SqlJournal(SqlDialect dialect, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(time);
        _dialect = dialect;
        _time = time;
        _policy = new ResiliencePolicy(dialect.Name, dialect.Settings.Resilience, time, dialect.IsTransient);
        _schema = new SchemaInitializer(dialect, _policy);
        _writer = Task.Run(RunWriterAsync);
    }

    /// <summary>The circuit breaker guarding the database, for monitoring.</summary>
    public CircuitBreaker Breaker => _policy.Breaker;

    /// <summary>Write transactions committed so far; with concurrent writers it stays well below the number of write calls.</summary>
    public long CommittedTransactions => Interlocked.Read(ref _committedTransactions);

    /// <inheritdoc/>
    public async Task WriteMessagesAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        cancellationToken.ThrowIfCancellationRequested();
        if (writes.Count == 0)
        {
            return;
        }

        var request = new WriteRequest(writes);
        if (!_queue.Writer.TryWrite(request))
        {
            throw new ObjectDisposedException(nameof(SqlJournal), $"{_dialect.Name} is disposed; no further writes are accepted.");
        }

        await request.Completion.Task.ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<PersistentRepr> ReplayMessagesAsync(
        string persistenceId, long fromSequenceNr, long toSequenceNr, long max,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var envelope in ReplayAsync(persistenceId, fromSequenceNr, toSequenceNr, max, cancellationToken).ConfigureAwait(false))
        {
            yield return envelope.Event;
        }
    }

    /// <inheritdoc/>
    public async Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        await _schema.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        return await _policy.ExecuteAsync(async ct =>
        {
            await using var connection = await _dialect.OpenAsync(ct).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT MAX(sequence_number) FROM {_dialect.JournalTable} WHERE persistence_id = @pid";
            AddParameter(command, "pid", DbType.String, persistenceId);
            var result = await command.ExecuteScalarAsync(ct).ConfigureAwait(false);
            return result is null or DBNull ? 0L : Convert.ToInt64(result, System.Globalization.CultureInfo.InvariantCulture);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        await _schema.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await _policy.ExecuteAsync(async ct =>
        {
            await using var connection = await _dialect.OpenAsync(ct).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText =
                $"UPDATE {_dialect.JournalTable} SET deleted = TRUE WHERE persistence_id = @pid AND sequence_number <= @to AND deleted = FALSE";
            AddParameter(command, "pid", DbType.String, persistenceId);
            AddParameter(command, "to", DbType.Int64, toSequenceNr);
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<EventEnvelope> CurrentEventsByPersistenceIdAsync(
        string persistenceId, long fromSequenceNr, long toSequenceNr, CancellationToken cancellationToken = default) =>
        ReplayAsync(persistenceId, fromSequenceNr, toSequenceNr, long.MaxValue, cancellationToken);

    /// <inheritdoc/>
    public async IAsyncEnumerable<EventEnvelope> CurrentEventsByTagAsync(
        string tag, long offset, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var pattern = JournalTags.LikePattern(tag);
        await _schema.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var pageSize = _dialect.Settings.ReplayPageSize;
        var after = offset;
        while (true)
        {
            var page = await _policy.ExecuteAsync(ct => ReadRowsAsync(
                $"SELECT {Columns} FROM {_dialect.JournalTable} WHERE ordering > @after AND deleted = FALSE AND tags LIKE @tag ESCAPE '\\' ORDER BY ordering LIMIT @limit",
                command =>
                {
                    AddParameter(command, "after", DbType.Int64, after);
                    AddParameter(command, "tag", DbType.String, pattern);
                    AddParameter(command, "limit", DbType.Int32, pageSize);
                }, ct), cancellationToken).ConfigureAwait(false);
            foreach (var row in page)
            {
                ChainVerifier.VerifySelf(row.Repr);
                yield return new EventEnvelope(row.Ordering, row.Repr);
            }

            if (page.Count < pageSize)
            {
                yield break;
            }

            after = page[^1].Ordering;
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<string> CurrentPersistenceIdsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await _schema.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var ids = await _policy.ExecuteAsync(async ct =>
        {
            await using var connection = await _dialect.OpenAsync(ct).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT DISTINCT persistence_id FROM {_dialect.JournalTable}";
            var result = new List<string>();
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                result.Add(reader.GetString(0));
            }

            return result;
        }, cancellationToken).ConfigureAwait(false);
        ids.Sort(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            yield return id;
        }
    }

    /// <summary>Stops accepting writes, completes the queued ones, then releases the database.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        await _dialect.DisposeAsync().ConfigureAwait(false);
        _schema.Dispose();
    }

    internal static void AddParameter(DbCommand command, string name, DbType type, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    private async IAsyncEnumerable<EventEnvelope> ReplayAsync(
        string persistenceId, long fromSequenceNr, long toSequenceNr, long max,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        if (max <= 0 || toSequenceNr < fromSequenceNr || toSequenceNr < 1)
        {
            yield break;
        }

        await _schema.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);

        // Reading starts one event early so the first delivered event's link to its predecessor is checked too.
        var next = Math.Max(fromSequenceNr - 1, 1);
        var verifier = new ChainVerifier(persistenceId, next);
        var pageSize = _dialect.Settings.ReplayPageSize;
        long delivered = 0;
        while (true)
        {
            var from = next;
            var page = await _policy.ExecuteAsync(ct => ReadRowsAsync(
                $"SELECT {Columns} FROM {_dialect.JournalTable} WHERE persistence_id = @pid AND sequence_number >= @from AND sequence_number <= @to ORDER BY sequence_number LIMIT @limit",
                command =>
                {
                    AddParameter(command, "pid", DbType.String, persistenceId);
                    AddParameter(command, "from", DbType.Int64, from);
                    AddParameter(command, "to", DbType.Int64, toSequenceNr);
                    AddParameter(command, "limit", DbType.Int32, pageSize);
                }, ct), cancellationToken).ConfigureAwait(false);
            foreach (var row in page)
            {
                verifier.Verify(row.Repr);
                if (row.Repr.SequenceNr >= fromSequenceNr && !row.Deleted)
                {
                    yield return new EventEnvelope(row.Ordering, row.Repr);
                    if (++delivered >= max)
                    {
                        yield break;
                    }
                }
            }

            if (page.Count < pageSize)
            {
                yield break;
            }

            next = page[^1].Repr.SequenceNr + 1;
        }
    }

    private async Task<List<JournalRow>> ReadRowsAsync(string sql, Action<DbCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        var rows = new List<JournalRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(JournalRowReader.Read(reader, _dialect.JournalTable));
        }

        return rows;
    }

    private async Task RunWriterAsync()
    {
        var reader = _queue.Reader;
        var group = new List<WriteRequest>();
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            group.Clear();
            var events = 0;
            while (events < _dialect.Settings.BatchSize && reader.TryRead(out var request))
            {
                group.Add(request);
                events += request.EventCount;
            }

            await WriteGroupWithFallbackAsync(group).ConfigureAwait(false);
        }
    }

    private async Task WriteGroupWithFallbackAsync(List<WriteRequest> group)
    {
        try
        {
            await WriteGroupAsync(group).ConfigureAwait(false);
            return;
        }
        catch (Exception e)
        {
            Forget(group);
            if (group.Count == 1)
            {
                group[0].Completion.TrySetException(e);
                return;
            }

            // One caller's bad write (e.g. a duplicate sequence number written by another process)
            // must not fail the others: write each caller's events in a transaction of its own.
        }

        foreach (var request in group)
        {
            try
            {
                await WriteGroupAsync([request]).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                Forget([request]);
                request.Completion.TrySetException(e);
            }
        }
    }

    private async Task WriteGroupAsync(List<WriteRequest> group)
    {
        await _schema.EnsureCreatedAsync(CancellationToken.None).ConfigureAwait(false);
        var outcomes = await _policy.ExecuteAsync(ct => WriteTransactionAsync(group, ct), CancellationToken.None).ConfigureAwait(false);
        foreach (var (tips, _) in outcomes.Where(o => o.Failure is null))
        {
            if (_tips.Count > MaxCachedTips)
            {
                _tips.Clear();
            }

            foreach (var (persistenceId, tip) in tips!)
            {
                _tips[persistenceId] = tip;
            }
        }

        for (var i = 0; i < group.Count; i++)
        {
            if (outcomes[i].Failure is { } failure)
            {
                Forget([group[i]]);
                group[i].Completion.TrySetException(failure);
            }
            else
            {
                group[i].Completion.TrySetResult();
            }
        }
    }

    private async Task<List<(Dictionary<string, Tip>? Tips, Exception? Failure)>> WriteTransactionAsync(
        List<WriteRequest> group, CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var committed = new Dictionary<string, Tip>(StringComparer.Ordinal);
        var rows = new List<PersistentRepr>();
        var outcomes = new List<(Dictionary<string, Tip>? Tips, Exception? Failure)>(group.Count);
        foreach (var request in group)
        {
            var tips = new Dictionary<string, Tip>(StringComparer.Ordinal);
            var requestRows = new List<PersistentRepr>();
            Exception? failure = null;
            foreach (var write in request.Writes)
            {
                var persistenceId = write.PersistenceId;
                if (!tips.TryGetValue(persistenceId, out var tip) && !committed.TryGetValue(persistenceId, out tip) && !_tips.TryGetValue(persistenceId, out tip))
                {
                    tip = await ReadTipAsync(connection, transaction, persistenceId, cancellationToken).ConfigureAwait(false);
                }

                if (write.LowestSequenceNr != tip.SequenceNr + 1)
                {
                    failure = new SequenceNumberConflictException(persistenceId, tip.SequenceNr + 1, write.LowestSequenceNr);
                    break;
                }

                var previous = tip.Hash;
                foreach (var e in write.Events)
                {
                    var repr = HashChain.Seal(e, now, previous);
                    requestRows.Add(repr);
                    previous = repr.Hash;
                }

                tips[persistenceId] = new Tip(write.HighestSequenceNr, previous);
            }

            if (failure is null)
            {
                rows.AddRange(requestRows);
                foreach (var (persistenceId, tip) in tips)
                {
                    committed[persistenceId] = tip;
                }
            }

            outcomes.Add((failure is null ? tips : null, failure));
        }

        if (rows.Count > 0)
        {
            await _dialect.InsertEventsAsync(connection, transaction, rows, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _committedTransactions);
        return outcomes;
    }

    private async Task<Tip> ReadTipAsync(DbConnection connection, DbTransaction transaction, string persistenceId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            $"SELECT ordering, sequence_number, hash FROM {_dialect.JournalTable} WHERE persistence_id = @pid ORDER BY sequence_number DESC LIMIT 1";
        AddParameter(command, "pid", DbType.String, persistenceId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return new Tip(0, HashChain.Genesis);
        }

        var ordering = reader.GetInt64(0);
        var hash = reader.IsDBNull(2) ? null : reader.GetFieldValue<byte[]>(2);
        if (hash is not { Length: HashChain.HashSize })
        {
            throw new CorruptRowException(_dialect.JournalTable, ordering, persistenceId, $"column 'hash' must hold {HashChain.HashSize} bytes");
        }

        return new Tip(reader.GetInt64(1), hash);
    }

    private void Forget(IEnumerable<WriteRequest> requests)
    {
        foreach (var write in requests.SelectMany(r => r.Writes))
        {
            _tips.Remove(write.PersistenceId);
        }
    }

    private readonly record struct Tip(long SequenceNr, ReadOnlyMemory<byte> Hash);

    private sealed class WriteRequest(IReadOnlyList<AtomicWrite> writes)
    {
        public IReadOnlyList<AtomicWrite> Writes { get; } = writes;

        public int EventCount { get; } = writes.Sum(w => w.Events.Count);

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
