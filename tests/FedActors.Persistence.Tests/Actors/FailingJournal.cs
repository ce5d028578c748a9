using FedActors.Persistence.Journal;
using FedActors.Persistence.Memory;
using FedActors.Persistence.Resilience;

namespace FedActors.Persistence.Tests.Actors;

/// <summary>A memory journal whose writes fail (as an unreachable database would) while <see cref="FailWrites"/> is set.</summary>
public sealed class FailingJournal(TimeProvider time) : IJournal
{
    private readonly MemoryJournal _inner = new(time);

    public volatile bool FailWrites;

    public Task WriteMessagesAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default) =>
        FailWrites
            ? Task.FromException(new StorageUnavailableException("test database", 4, new TimeoutException("connection timed out")))
            : _inner.WriteMessagesAsync(writes, cancellationToken);

    public IAsyncEnumerable<PersistentRepr> ReplayMessagesAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max, CancellationToken cancellationToken = default) =>
        _inner.ReplayMessagesAsync(persistenceId, fromSequenceNr, toSequenceNr, max, cancellationToken);

    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default) =>
        _inner.ReadHighestSequenceNrAsync(persistenceId, cancellationToken);

    public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default) =>
        _inner.DeleteMessagesToAsync(persistenceId, toSequenceNr, cancellationToken);

    public ValueTask DisposeAsync() => _inner.DisposeAsync();

    internal MemoryJournal Inner => _inner;
}
