using FedActors.Federation.Journal;
using FedActors.Federation.Scenarios;
using FedActors.TestKit;

namespace FedActors.Federation.Tests.Journal;

public sealed class PostgreSqlRunTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"fedactors-pg-run-{Guid.NewGuid():N}");

    private Scenario OnPostgres(string name)
    {
        var connection = TestDatabase.ConnectionString
            ?? throw new InvalidOperationException($"{TestDatabase.Variable} must name the test database (CI runs PostgreSQL tests).");
        return RecordedRun.Tiny(Path.Combine(_root, name), $"persistence {{ plugin = postgresql, connection-string = \"{connection}\" }}");
    }

    [PostgreSqlFact]
    public async Task A_run_journaled_in_postgresql_survives_a_crash_resumes_from_its_directory_and_verifies()
    {
        var scenario = OnPostgres("pg");
        var crashed = false;
        var metrics = await RecordedRun.Runner(e =>
        {
            if (!crashed && e is ContributionAccepted { Round: 2 })
            {
                crashed = true;
                throw new InvalidOperationException("injected crash");
            }
        }).RunAsync(scenario, variant: null);
        var reference = await RecordedRun.Runner().RunAsync(RecordedRun.Tiny(Path.Combine(_root, "sqlite")), variant: null);
        Assert.True(crashed);
        Assert.Equal(reference.Run.FinalModelHash, metrics.Run.FinalModelHash);
        Assert.False(File.Exists(Path.Combine(scenario.Output.Directory, RunStore.JournalFile)));

        var resumed = await RecordedRun.Runner().ResumeAsync(scenario.Output.Directory);
        Assert.Equal(metrics.Run.FinalModelHash, resumed.Run.FinalModelHash);

        var settings = RunStore.StoreSettings(scenario.Persistence, scenario.Output.Directory, RecordedRun.Persistence);
        await using var journal = RunStore.OpenJournal(scenario.Persistence, settings, TimeProvider.System);
        var verified = await RunVerifier.VerifyAsync(journal, journal, RunStore.ReadRunId(scenario.Output.Directory), new BlobStore(scenario.Output.Directory),
            (id, n) => RunStore.ManifestAtAsync(scenario.Persistence, settings, id, n));
        Assert.True(verified.Signatures >= metrics.Rounds.Sum(r => r.Contributions.Accepted));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
