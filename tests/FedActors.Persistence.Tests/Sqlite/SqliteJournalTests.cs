using FedActors.Persistence.Journal;
using FedActors.Persistence.Resilience;
using FedActors.Persistence.Sql;
using FedActors.Persistence.Sqlite;
using FedActors.Persistence.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using static FedActors.Persistence.Tests.Infrastructure.Events;

namespace FedActors.Persistence.Tests.Sqlite;

/// <summary>SQLite-specific behaviour: WAL file, grouped writes, a locked or missing database, corrupt rows, reopening.</summary>
public sealed class SqliteJournalTests : IDisposable
{
    private readonly SqliteTestStore _store = new();
    private readonly ManualTimeProvider _time = new();

    public void Dispose() => _store.Dispose();

    private static async Task<List<long>> AllAsync(IJournal journal, string pid) =>
        (await journal.ReplayMessagesAsync(pid, 1, long.MaxValue, long.MaxValue).ToListAsync()).Select(r => r.SequenceNr).ToList();

    [Fact]
    public async Task Creates_its_tables_in_a_write_ahead_logged_file()
    {
        await using var journal = SqlitePersistence.CreateJournal(_store.Settings(), _time);
        await journal.WriteMessagesAsync([Write("p", 1, 1)]);

        await using var connection = new SqliteConnection(_store.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Waits_out_a_locked_database_and_groups_the_queued_writes_into_one_transaction()
    {
        var resilience = new ResilienceSettings(3, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), 10, TimeSpan.FromSeconds(30));
        await using var journal = SqlitePersistence.CreateJournal(_store.Settings(resilience), _time);
        await journal.WriteMessagesAsync([Write("warm-up", 1, 1)]);

        await using var locker = new SqliteConnection(_store.ConnectionString);
        await locker.OpenAsync();
        var lockTransaction = locker.BeginTransaction();
        await using (var take = locker.CreateCommand())
        {
            take.Transaction = lockTransaction;
            take.CommandText = "DELETE FROM snapshot";
            await take.ExecuteNonQueryAsync();
        }

        var writes = Enumerable.Range(0, 20).Select(i => journal.WriteMessagesAsync([Write($"p-{i}", 1, 1)])).ToList();
        await WaitFor.UntilAsync(() => _time.ActiveTimers > 0, "the writer found the database locked and waits to retry");

        Assert.All(writes, w => Assert.False(w.IsCompleted));
        lockTransaction.Commit();
        _time.Advance(TimeSpan.FromMilliseconds(100));
        await Task.WhenAll(writes);

        // The warm-up, the group caught by the lock, and everything queued behind it.
        Assert.True(journal.CommittedTransactions <= 3, $"expected at most 3 transactions, was {journal.CommittedTransactions}");
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal([1], await AllAsync(journal, $"p-{i}"));
        }
    }

    [Fact]
    public async Task Surfaces_an_unreachable_database_after_bounded_retries_then_fails_fast_and_recovers()
    {
        var directory = Path.Combine(Path.GetTempPath(), "fedactors-missing-" + Guid.NewGuid().ToString("N"));
        var settings = new SqlStoreSettings("fedactors.persistence.sqlite", $"Data Source={Path.Combine(directory, "j.db")};Mode=ReadWrite",
            resilience: new ResilienceSettings(2, TimeSpan.Zero, TimeSpan.Zero, 3, TimeSpan.FromSeconds(30)));
        await using var journal = SqlitePersistence.CreateJournal(settings, _time);

        var unavailable = await Assert.ThrowsAsync<StorageUnavailableException>(() => journal.WriteMessagesAsync([Write("p", 1, 1)]));
        Assert.Equal(3, unavailable.Attempts);
        Assert.IsType<SqliteException>(unavailable.InnerException);
        Assert.Contains("SQLite store", unavailable.Message, StringComparison.Ordinal);
        Assert.Equal(CircuitBreakerState.Open, journal.Breaker.State);
        await Assert.ThrowsAsync<CircuitBreakerOpenException>(() => journal.WriteMessagesAsync([Write("p", 1, 1)]));

        Directory.CreateDirectory(directory);
        try
        {
            await using (var create = new SqliteConnection($"Data Source={Path.Combine(directory, "j.db")}"))
            {
                await create.OpenAsync();
            }

            _time.Advance(TimeSpan.FromSeconds(30));
            await journal.WriteMessagesAsync([Write("p", 1, 1)]);
            Assert.Equal(CircuitBreakerState.Closed, journal.Breaker.State);
            Assert.Equal([1], await AllAsync(journal, "p"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_row_with_a_null_payload_is_reported_with_table_ordering_and_persistence_id()
    {
        // A table created by hand without the NOT NULL constraints stands in for a damaged file.
        await _store.ExecuteAsync("""
            CREATE TABLE journal (ordering INTEGER PRIMARY KEY AUTOINCREMENT, persistence_id TEXT, sequence_number INTEGER,
              deleted INTEGER, created INTEGER, manifest TEXT, serializer_id INTEGER, payload BLOB, tags TEXT, writer_uuid TEXT,
              prev_hash BLOB, hash BLOB, UNIQUE (persistence_id, sequence_number));
            INSERT INTO journal (persistence_id, sequence_number, deleted, created, manifest, serializer_id, payload, tags, writer_uuid, prev_hash, hash)
              VALUES ('broken', 1, 0, 0, 'm', 1, NULL, NULL, 'w', zeroblob(32), zeroblob(32));
            """);
        await using var journal = SqlitePersistence.CreateJournal(_store.Settings(), _time);

        var error = await Assert.ThrowsAsync<CorruptRowException>(() => AllAsync(journal, "broken"));
        Assert.Equal(("journal", 1L, "broken"), (error.Table, error.Ordering, error.PersistenceId));
        Assert.Contains("column 'payload' is NULL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Continues_the_chain_after_the_file_is_reopened()
    {
        await using (var first = SqlitePersistence.CreateJournal(_store.Settings(), _time))
        {
            await first.WriteMessagesAsync([Write("p", 1, 3)]);
        }

        await using var second = SqlitePersistence.CreateJournal(_store.Settings(), _time);
        await Assert.ThrowsAsync<SequenceNumberConflictException>(() => second.WriteMessagesAsync([Write("p", 3, 3)]));
        await second.WriteMessagesAsync([Write("p", 4, 5)]);
        Assert.Equal([1, 2, 3, 4, 5], await AllAsync(second, "p"));
    }

    [Fact]
    public async Task A_write_rejected_inside_a_group_does_not_fail_the_other_writers()
    {
        await using var journal = SqlitePersistence.CreateJournal(_store.Settings(), _time);
        await journal.WriteMessagesAsync([Write("p", 1, 1)]);

        var good = Enumerable.Range(0, 5).Select(i => journal.WriteMessagesAsync([Write($"ok-{i}", 1, 2)])).ToList();
        var bad = journal.WriteMessagesAsync([Write("p", 1, 1)]);

        await Task.WhenAll(good);
        await Assert.ThrowsAsync<SequenceNumberConflictException>(() => bad);
        Assert.Equal([1, 2], await AllAsync(journal, "ok-4"));
    }

    [Fact]
    public async Task Completes_queued_writes_on_dispose_and_refuses_later_ones()
    {
        var journal = SqlitePersistence.CreateJournal(_store.Settings(), _time);
        var queued = Enumerable.Range(0, 10).Select(i => journal.WriteMessagesAsync([Write($"q-{i}", 1, 1)])).ToList();
        await journal.DisposeAsync();

        await Task.WhenAll(queued);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => journal.WriteMessagesAsync([Write("late", 1, 1)]));
        await using var reopened = SqlitePersistence.CreateJournal(_store.Settings(), _time);
        Assert.Equal(["q-0", "q-1", "q-2", "q-3", "q-4", "q-5", "q-6", "q-7", "q-8", "q-9"], await reopened.CurrentPersistenceIdsAsync().ToListAsync());
    }
}
