using BenchmarkDotNet.Attributes;
using FedActors.Configuration;
using FedActors.Federation.Journal;
using FedActors.Federation.Scenarios;
using FedActors.Federation.Simulation;
using FedActors.Learning;
using FedActors.Persistence.Sql;

namespace FedActors.Benchmarks.Replay;

/// <summary>
/// Auditing a recorded run: <c>replay --verify</c> (hash chain, contribution signatures, stored blobs) and reading the
/// run round by round, on a 10-round run of 20 synthetic clients (10 per round, logistic regression, SQLite journal,
/// contributions stored); and storing a 1 MiB contribution in the content-addressed blob store (fsync included).
/// </summary>
[MemoryDiagnoser]
public class ReplayBenchmarks
{
    private readonly byte[] _blob = new byte[1 << 20];
    private string _directory = "";
    private string _runId = "";
    private JournalSettings _settings = JournalSettings.Default;
    private SqlStoreSettings _store = null!;
    private BlobStore _blobs = null!;
    private long _counter;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "fedactors-bench-replay-" + Guid.NewGuid().ToString("N")[..8]);
        var scenario = ScenarioLoader.FromConfig(ConfigFactory.ParseString(
            $$"""
            scenario {
              name = bench, seed = 1, rounds = 10
              data.set = synthetic
              model.type = logreg
              federation { clients = 20, clients-per-round = 10, min-contributions = 2, aggregation = mean }
              persistence.store-ciphertexts = on
              output { dir = "{{_directory.Replace("\\", "/", StringComparison.Ordinal)}}", report = none }
            }
            """, "bench.conf").WithFallback(ConfigFactory.Reference)).Base;
        new ScenarioRunner(ConfigFactory.Reference, new LearningSettings(trainerWorkers: 2), TimeProvider.System).RunAsync(scenario, null).GetAwaiter().GetResult();
        _runId = RunStore.ReadRunId(_directory);
        _settings = scenario.Persistence;
        _store = RunStore.StoreSettings(_settings, _directory, ConfigFactory.Reference.GetConfig("fedactors.persistence"));
        _blobs = new BlobStore(Path.Combine(_directory, "bench-blobs"));
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    [Benchmark]
    public async Task<RunVerification> VerifyRun()
    {
        await using var journal = RunStore.OpenJournal(_settings, _store, TimeProvider.System);
        return await RunVerifier.VerifyAsync(journal, journal, _runId, new BlobStore(_directory), (id, n) => RunStore.ManifestAtAsync(_settings, _store, id, n));
    }

    [Benchmark]
    public async Task<JournaledRun> ReadRun()
    {
        await using var journal = RunStore.OpenJournal(_settings, _store, TimeProvider.System);
        return await JournaledRun.ReadAsync(journal, _runId);
    }

    [Benchmark]
    public byte[] PutBlob1MiB()
    {
        // New content each time: a blob already stored is not written again.
        BitConverter.TryWriteBytes(_blob, Interlocked.Increment(ref _counter));
        return _blobs.Put(_blob);
    }
}
