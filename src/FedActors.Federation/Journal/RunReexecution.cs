using FedActors.Federation.Metrics;
using FedActors.Federation.Scenarios;
using FedActors.Federation.Simulation;

namespace FedActors.Federation.Journal;

/// <summary>
/// Re-executes a recorded run (<c>fedactors replay --reexecute</c>) from the scenario text and seed in its
/// <c>RunStarted</c> (a simulation is deterministic given its seed) and compares every round it recorded
/// with the re-execution: status and model hash.
/// </summary>
public static class RunReexecution
{
    /// <summary>The scenario a journaled run ran (its sweep variant when it was one), with <paramref name="overrides"/> applied.</summary>
    /// <exception cref="ScenarioException">The journaled text, with the overrides, is not a valid scenario.</exception>
    /// <exception cref="ResumeException">The journaled variant is not in the scenario's sweep.</exception>
    public static Scenario ScenarioOf(JournaledRun run, IReadOnlyList<ScenarioOverride> overrides)
    {
        ArgumentNullException.ThrowIfNull(run);
        var set = ScenarioLoader.FromText(run.Started.ScenarioText, $"journal of run {run.Started.RunId}", overrides);
        if (run.Variant is null)
        {
            return set.Base;
        }
        return set.Variants.FirstOrDefault(v => v.Name == run.Variant)?.Scenario
            ?? throw new ResumeException($"Run {run.Started.RunId} was sweep variant '{run.Variant}', which its journaled scenario's sweep no longer yields.");
    }

    /// <summary>Runs the recorded scenario again into <paramref name="workDirectory"/> and compares it round by round with <paramref name="recorded"/>.</summary>
    /// <param name="runner">The runner.</param>
    /// <param name="recorded">The recorded run.</param>
    /// <param name="workDirectory">Where the re-execution writes its own journal and metrics.</param>
    /// <param name="cancellationToken">Stops the re-execution.</param>
    /// <returns>Every recorded round that ended, next to the re-execution's.</returns>
    /// <exception cref="NotSupportedException">Clients of the run trained on their nodes' own data directories, which a re-execution in process does not have.</exception>
    public static async Task<IReadOnlyList<RoundComparison>> RunAsync(ScenarioRunner runner, JournaledRun recorded, string workDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(recorded);
        if (recorded.DataNodes is { Count: > 0 } sites)
        {
            throw new NotSupportedException(
                $"Run {recorded.Started.RunId} trained on the own data directories of nodes {string.Join(", ", sites)} (fedactors.node.data.path), which a re-execution in process does not have; " +
                "check it with `fedactors replay RUN --verify` (hash chain and every contribution's signature) instead.");
        }
        var scenario = ScenarioOf(recorded, []);
        scenario = scenario with { Output = new OutputSettings(workDirectory, "none") };
        var again = await runner.RunAsync(scenario, recorded.Variant, cancellationToken: cancellationToken).ConfigureAwait(false);
        return recorded.EndedRounds.Select(r =>
        {
            var other = again.Rounds.FirstOrDefault(x => x.Round == r.Round);
            return new RoundComparison(
                r.Round,
                r.Status,
                r.ModelHash is null ? null : Convert.ToHexStringLower(r.ModelHash),
                other is null ? "missing" : other.Status == RoundStatus.Completed ? "completed" : "failed",
                other?.ModelHash);
        }).ToArray();
    }
}
