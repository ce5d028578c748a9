using FedActors.Configuration;
using FedActors.Federation.Journal;
using FedActors.Federation.Metrics;
using FedActors.Federation.Scenarios;
using FedActors.Federation.Simulation;
using FedActors.Learning;
using Google.Protobuf;

namespace FedActors.Federation.Tests.Journal;

public sealed class CrashResumeTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"fedactors-resume-{Guid.NewGuid():N}");

    private Scenario Tiny(string name) => ScenarioLoader.FromConfig(
        ConfigFactory.ParseString(
            $$"""
            scenario {
              name = tiny
              seed = 11
              rounds = 3
              data { set = synthetic }
              model { type = logreg }
              training { local-epochs = 1, batch-size = 10, learning-rate = 0.05 }
              federation { clients = 6, clients-per-round = 4, min-contributions = 2, aggregation = mean, round-timeout = 60s }
              output { dir = "{{Path.Combine(_root, name).Replace("\\", "/", StringComparison.Ordinal)}}", report = none }
            }
            """,
            "tiny.conf").WithFallback(ConfigFactory.Reference)).Base;

    private static ScenarioRunner Runner(Action<IMessage>? afterEvent = null) => new(
        ConfigFactory.ParseString("fedactors.actor.serialize-messages = on").WithFallback(ConfigFactory.Reference),
        new LearningSettings(trainerWorkers: 2),
        TimeProvider.System)
    {
        AfterCoordinatorEvent = afterEvent,
    };

    /// <summary>A hook that fires <paramref name="action"/> once, at the k-th accepted contribution of <paramref name="round"/>.</summary>
    private static Action<IMessage> AtContribution(uint round, int k, Action action)
    {
        var seen = 0;
        var fired = false;
        return e =>
        {
            if (!fired && e is ContributionAccepted accepted && accepted.Round == round && ++seen == k)
            {
                fired = true;
                action();
            }
        };
    }

    private static async Task<List<IMessage>> EventsAsync(Scenario scenario)
    {
        var directory = scenario.Output.Directory;
        var settings = RunStore.StoreSettings(scenario.Persistence, directory, ConfigFactory.Reference.GetConfig("fedactors.persistence"));
        await using var journal = RunStore.OpenJournal(scenario.Persistence, settings, TimeProvider.System);
        var events = new List<IMessage>();
        await foreach (var (_, e) in JournalEvents.ReadAsync(journal, Coordinator.CoordinatorActor.PersistenceIdOf(RunStore.ReadRunId(directory))))
        {
            events.Add(e);
        }
        return events;
    }

    [Fact]
    public async Task A_Coordinator_that_crashes_mid_round_recovers_from_its_journal_reopens_the_round_and_ends_with_the_uninterrupted_model()
    {
        var reference = await Runner().RunAsync(Tiny("reference"), variant: null);
        var crashing = Tiny("crash");

        var resumed = await Runner(AtContribution(2, 2, () => throw new InvalidOperationException("injected crash"))).RunAsync(crashing, variant: null);

        Assert.Equal(reference.Run.FinalModelHash, resumed.Run.FinalModelHash);
        Assert.Equal(reference.Rounds.Select(r => r.ModelHash), resumed.Rounds.Select(r => r.ModelHash));
        var events = await EventsAsync(crashing);
        Assert.IsType<RunStarted>(events[0]);
        Assert.Equal([1u, 2u], events.OfType<RoundOpened>().Where(o => o.Round == 2).Select(o => o.Attempt));
        Assert.Single(events.OfType<RoundCompleted>(), c => c.Round == 2);
        Assert.Equal(resumed.Run.FinalModelHash, Convert.ToHexStringLower(Assert.IsType<RunCompleted>(events[^1]).FinalModelHash.ToByteArray()));
    }

    [Fact]
    public async Task A_run_whose_process_stopped_mid_round_resumes_from_its_directory_with_the_checkpointed_model_and_ends_with_the_uninterrupted_model()
    {
        var reference = await Runner().RunAsync(Tiny("reference"), variant: null);
        var killed = Tiny("killed");
        using var stop = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Runner(AtContribution(3, 1, stop.Cancel)).RunAsync(killed, variant: null, cancellationToken: stop.Token));
        Assert.True(File.Exists(new ModelCheckpoints(killed.Output.Directory).PathOf(2)));
        Assert.False(File.Exists(Path.Combine(killed.Output.Directory, MetricsFile.FileName)));

        var delivered = new List<RoundMetrics>();
        var resumed = await Runner().ResumeAsync(killed.Output.Directory, delivered.Add);

        Assert.Equal(reference.Run.FinalModelHash, resumed.Run.FinalModelHash);
        Assert.Equal(reference.Rounds.Select(r => r.ModelHash), resumed.Rounds.Select(r => r.ModelHash));
        Assert.Equal([1, 2, 3], delivered.Select(r => r.Round));
        Assert.Equal(reference.Rounds.Select(r => r.TestAccuracy), resumed.Rounds.Select(r => r.TestAccuracy));
        Assert.Equal(resumed.Run.FinalModelHash, MetricsFile.Read(Path.Combine(killed.Output.Directory, MetricsFile.FileName)).Run.FinalModelHash);
        var events = await EventsAsync(killed);
        var fresh = Assert.Single(events.OfType<RunResumed>());
        Assert.Equal(reference.Rounds[1].ModelHash, Convert.ToHexStringLower(fresh.ModelHash.ToByteArray()));
        Assert.NotEqual(((RunStarted)events[0]).Roster, fresh.Roster);
    }

    [Fact]
    public async Task Resuming_with_an_altered_checkpoint_fails_naming_the_file_and_the_journaled_hash()
    {
        var killed = Tiny("altered");
        using var stop = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Runner(AtContribution(3, 1, stop.Cancel)).RunAsync(killed, variant: null, cancellationToken: stop.Token));
        var checkpoint = new ModelCheckpoints(killed.Output.Directory).PathOf(2);
        var bytes = await File.ReadAllBytesAsync(checkpoint);
        bytes[5] ^= 1;
        await File.WriteAllBytesAsync(checkpoint, bytes);

        var e = await Assert.ThrowsAsync<ResumeException>(() => Runner().ResumeAsync(killed.Output.Directory));

        Assert.Contains(checkpoint, e.Message, StringComparison.Ordinal);
        Assert.Contains("journal recorded", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resuming_a_directory_without_a_run_says_it_is_not_a_run_directory()
    {
        Directory.CreateDirectory(_root);
        var e = await Assert.ThrowsAsync<ResumeException>(() => Runner().ResumeAsync(_root));
        Assert.Contains("not a run directory", e.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
