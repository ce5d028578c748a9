using FedActors.Configuration;
using FedActors.Federation.Journal;
using FedActors.Federation.Simulation;
using FedActors.Learning;

namespace FedActors.Federation.Tests.Journal;

public sealed class RunReexecutionTests
{
    private static JournaledRun Run(params string[] dataNodes)
    {
        var started = new RunStarted { RunId = "run-own" };
        started.Roster.Add(dataNodes.Select((node, i) => new RosterEntry { ClientId = $"client-{i:D4}", DataNode = node }));
        var resumed = new RunResumed();
        resumed.Roster.Add(new RosterEntry { ClientId = "client-0000", DataNode = "site-new" });
        return new JournaledRun(started, [resumed], [], null);
    }

    [Fact]
    public void The_journal_names_the_sites_whose_own_data_a_run_trained_on_in_any_roster()
    {
        Assert.Equal(["site-a", "site-new"], Run("site-a", "", "site-a").DataNodes);
        Assert.Equal(["site-new"], Run("", "").DataNodes);
    }

    [Fact]
    public async Task A_run_over_sites_own_data_is_not_re_executed_in_process_and_the_refusal_names_the_sites()
    {
        var runner = new ScenarioRunner(ConfigFactory.Reference, new LearningSettings(trainerWorkers: 1), TimeProvider.System);

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => RunReexecution.RunAsync(runner, Run("site-a", "site-b"), Path.GetTempPath()));

        Assert.Contains("run-own", error.Message);
        Assert.Contains("site-a, site-b, site-new", error.Message);
        Assert.Contains("--verify", error.Message);
    }
}
