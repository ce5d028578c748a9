using BenchmarkDotNet.Attributes;
using FedActors.Persistence.Journal;
using FedActors.Persistence.PostgreSql;
using FedActors.Persistence.Sql;
using FedActors.Persistence.Sqlite;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace FedActors.Benchmarks.Persistence;

/// <summary>
/// Journal write throughput (one event per transaction, batches of 100 events, and 100 concurrent
/// single-event writers grouped by the writer queue) and recovery throughput, per event, on SQLite
/// and PostgreSQL. PostgreSQL runs only when FEDACTORS_BENCH_POSTGRES or FEDACTORS_TEST_POSTGRES is set.
/// </summary>
[MemoryDiagnoser]
public class JournalBenchmarks
{
    private const int SingleWrites = 200;
    private const int BatchedEvents = 10_000;
    private const int BatchSize = 100;
    private const int ConcurrentWriters = 100;
    private const int RecoveryEvents = 10_000;

    private static readonly byte[] Payload = new byte[100];

    private string _directory = "";
    private string _schema = "";
    private SqlJournal _journal = null!;
    private int _run;

    [ParamsSource(nameof(Plugins))]
    public string Plugin { get; set; } = "sqlite";

    public static IEnumerable<string> Plugins()
    {
        yield return "sqlite";
        if (PostgresConnectionString() is null)
        {
            Console.WriteLine("JournalBenchmarks: PostgreSQL skipped, set FEDACTORS_BENCH_POSTGRES or FEDACTORS_TEST_POSTGRES to include it.");
        }
        else
        {
            yield return "postgresql";
        }
    }

    [GlobalSetup]
    public void Setup()
    {
        if (Plugin == "sqlite")
        {
            _directory = Path.Combine(Path.GetTempPath(), "fedactors-bench-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(_directory);
            _journal = SqlitePersistence.CreateJournal(
                new SqlStoreSettings("fedactors.persistence.sqlite", $"Data Source={Path.Combine(_directory, "journal.db")}"), TimeProvider.System);
        }
        else
        {
            _schema = "bench_" + Guid.NewGuid().ToString("N")[..8];
            _journal = PostgreSqlPersistence.CreateJournal(
                new SqlStoreSettings("fedactors.persistence.postgresql", PostgresConnectionString()!, schema: _schema), TimeProvider.System);
        }

        _journal.WriteMessagesAsync([Batch("recovery", 1, RecoveryEvents)]).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _journal.DisposeAsync().AsTask().GetAwaiter().GetResult();
        if (Plugin == "sqlite")
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_directory, recursive: true);
        }
        else
        {
            using var connection = new NpgsqlConnection(PostgresConnectionString());
            connection.Open();
            using var command = new NpgsqlCommand($"DROP SCHEMA {_schema} CASCADE", connection);
            command.ExecuteNonQuery();
        }
    }

    [Benchmark(OperationsPerInvoke = SingleWrites, Description = "write, 1 event per transaction (per event)")]
    public async Task WriteSingle()
    {
        var pid = $"single-{_run++}";
        for (var s = 1; s <= SingleWrites; s++)
        {
            await _journal.WriteMessagesAsync([Batch(pid, s, 1)]);
        }
    }

    [Benchmark(OperationsPerInvoke = BatchedEvents, Description = "write, batches of 100 events (per event)")]
    public async Task WriteBatched()
    {
        var pid = $"batched-{_run++}";
        for (var s = 1; s <= BatchedEvents; s += BatchSize)
        {
            await _journal.WriteMessagesAsync([Batch(pid, s, BatchSize)]);
        }
    }

    [Benchmark(OperationsPerInvoke = ConcurrentWriters * 10, Description = "write, 100 concurrent single-event writers (per event)")]
    public async Task WriteConcurrent()
    {
        var run = _run++;
        await Task.WhenAll(Enumerable.Range(0, ConcurrentWriters).Select(async w =>
        {
            for (var s = 1; s <= 10; s++)
            {
                await _journal.WriteMessagesAsync([Batch($"concurrent-{run}-{w}", s, 1)]);
            }
        }));
    }

    [Benchmark(OperationsPerInvoke = RecoveryEvents, Description = "recover with chain verification (per event)")]
    public async Task<long> Recover()
    {
        long last = 0;
        await foreach (var repr in _journal.ReplayMessagesAsync("recovery", 1, long.MaxValue, long.MaxValue))
        {
            last = repr.SequenceNr;
        }

        return last;
    }

    private static AtomicWrite Batch(string pid, long from, int count) =>
        new(Enumerable.Range(0, count).Select(i => new PersistentRepr(pid, from + i, "bench", 1, Payload) { WriterUuid = "bench" }).ToList());

    private static string? PostgresConnectionString() =>
        Environment.GetEnvironmentVariable("FEDACTORS_BENCH_POSTGRES") is { Length: > 0 } bench ? bench
        : Environment.GetEnvironmentVariable("FEDACTORS_TEST_POSTGRES") is { Length: > 0 } test ? test : null;
}
