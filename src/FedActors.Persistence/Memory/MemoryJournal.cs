using System.Runtime.CompilerServices;
using FedActors.Persistence.Journal;
using FedActors.Persistence.Query;

namespace FedActors.Persistence.Memory;

/// <summary>
/// A journal held in process memory, for tests: the same semantics and hash chain as the SQL
/// journals, lost when the instance is dropped.
/// </summary>
public sealed class MemoryJournal : IJournal, IReadJournal
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly Dictionary<string, List<Row>> _streams = new(StringComparer.Ordinal);
    private readonly List<Row> _all = [];

    /// <summary>Creates an empty journal that timestamps events with <paramref name="time"/>.</summary>
    public MemoryJournal(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
    }

    /// <inheritdoc/>
    public Task WriteMessagesAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var tips = new Dictionary<string, (long Seq, ReadOnlyMemory<byte> Hash)>(StringComparer.Ordinal);
            var sealedRows = new List<PersistentRepr>();
            foreach (var write in writes)
            {
                if (!tips.TryGetValue(write.PersistenceId, out var tip))
                {
                    tip = _streams.TryGetValue(write.PersistenceId, out var stream) && stream.Count > 0
                        ? (stream[^1].Repr.SequenceNr, stream[^1].Repr.Hash)
                        : (0, HashChain.Genesis);
                }

                if (write.LowestSequenceNr != tip.Seq + 1)
                {
                    return Task.FromException(new SequenceNumberConflictException(write.PersistenceId, tip.Seq + 1, write.LowestSequenceNr));
                }

                var previous = tip.Hash;
                foreach (var e in write.Events)
                {
                    var repr = HashChain.Seal(e, now, previous);
                    sealedRows.Add(repr);
                    previous = repr.Hash;
                }

                tips[write.PersistenceId] = (write.HighestSequenceNr, previous);
            }

            foreach (var repr in sealedRows)
            {
                var row = new Row(_all.Count + 1, repr);
                _all.Add(row);
                if (!_streams.TryGetValue(repr.PersistenceId, out var stream))
                {
                    stream = [];
                    _streams.Add(repr.PersistenceId, stream);
                }

                stream.Add(row);
            }
        }

        return Task.CompletedTask;
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
    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_streams.TryGetValue(persistenceId, out var stream) && stream.Count > 0 ? stream[^1].Repr.SequenceNr : 0L);
        }
    }

    /// <inheritdoc/>
    public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_streams.TryGetValue(persistenceId, out var stream))
            {
                foreach (var row in stream)
                {
                    if (row.Repr.SequenceNr <= toSequenceNr)
                    {
                        row.Deleted = true;
                    }
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<EventEnvelope> CurrentEventsByPersistenceIdAsync(
        string persistenceId, long fromSequenceNr, long toSequenceNr, CancellationToken cancellationToken = default) =>
        ReplayAsync(persistenceId, fromSequenceNr, toSequenceNr, long.MaxValue, cancellationToken);

    /// <inheritdoc/>
    public async IAsyncEnumerable<EventEnvelope> CurrentEventsByTagAsync(
        string tag, long offset, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        JournalTags.Validate(tag);
        List<Row> rows;
        lock (_gate)
        {
            rows = _all.Where(r => r.Ordering > offset && !r.Deleted && r.Repr.Tags.Contains(tag, StringComparer.Ordinal)).ToList();
        }

        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ChainVerifier.VerifySelf(row.Repr);
            yield return new EventEnvelope(row.Ordering, row.Repr);
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<string> CurrentPersistenceIdsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        List<string> ids;
        lock (_gate)
        {
            ids = _streams.Where(s => s.Value.Count > 0).Select(s => s.Key).Order(StringComparer.Ordinal).ToList();
        }

        foreach (var id in ids)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return id;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>Replaces the stored event at <paramref name="sequenceNr"/> (hash fields kept), so tests can simulate tampering.</summary>
    internal void Tamper(string persistenceId, long sequenceNr, Func<PersistentRepr, PersistentRepr> change)
    {
        lock (_gate)
        {
            var row = _streams[persistenceId].Single(r => r.Repr.SequenceNr == sequenceNr);
            row.Repr = change(row.Repr);
        }
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

        var first = Math.Max(fromSequenceNr - 1, 1);
        List<Row> rows;
        lock (_gate)
        {
            rows = _streams.TryGetValue(persistenceId, out var stream)
                ? stream.Where(r => r.Repr.SequenceNr >= first && r.Repr.SequenceNr <= toSequenceNr).ToList()
                : [];
        }

        var verifier = new ChainVerifier(persistenceId, first);
        long delivered = 0;
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
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

        await Task.CompletedTask.ConfigureAwait(false);
    }

    private sealed class Row(long ordering, PersistentRepr repr)
    {
        public long Ordering { get; } = ordering;

        public PersistentRepr Repr { get; set; } = repr;

        public bool Deleted { get; set; }
    }
}
