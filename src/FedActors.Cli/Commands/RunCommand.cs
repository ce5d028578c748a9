using System.CommandLine;
using FedActors.Configuration;
using FedActors.Federation.Metrics;
using FedActors.Federation.Reporting;
using FedActors.Federation.Scenarios;
using FedActors.Federation.Simulation;
using FedActors.Learning;
using Spectre.Console;

namespace FedActors.Cli.Commands;

/// <summary>The <c>fedactors run SCENARIO [--set key=value]...</c> command: runs a scenario file (and its sweep variants) through the actor federation and reports.</summary>
public static class RunCommand
{
    /// <summary>The exit code of a run whose scenario was valid but in which no round completed.</summary>
    public const int NoRoundCompleted = 3;

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var scenario = new Argument<FileInfo>("scenario") { Description = "The scenario file (HOCON) to run." };
        var sets = new Option<string[]>("--set") { Description = "Override a scenario key, e.g. --set rounds=5 (repeatable; keys are relative to scenario).", AllowMultipleArgumentsPerToken = false };
        var command = new Command("run", "Run a scenario through the actor federation and write metrics.json, report.html and a summary.") { scenario, sets };
        command.SetAction((parse, cancellationToken) => CommandGuard.RunAsync(async () =>
        {
            var file = parse.GetValue(scenario)!;
            if (!file.Exists)
            {
                throw new FileNotFoundException($"{file.FullName}: scenario file not found", file.FullName);
            }
            var set = ScenarioLoader.Load(file.FullName, parse.GetValue(sets) ?? []);
            var config = ConfigFactory.Load(file.FullName);
            var runner = new ScenarioRunner(config, LearningSettings.FromConfig(config.GetConfig("fedactors.learning")), TimeProvider.System);
            var results = await RunAllAsync(runner, set, cancellationToken);
            ConsoleSummary.Write(AnsiConsole.Console, results);
            foreach (var (name, run) in set.Runs)
            {
                AnsiConsole.MarkupLineInterpolated($"{name ?? run.Name}: [bold]{run.Output.Directory}[/]");
            }
            return results.All(r => r.Rounds.Any(round => round.Status == RoundStatus.Completed)) ? 0 : NoRoundCompleted;
        }));
        return command;
    }

    private static async Task<IReadOnlyList<RunMetrics>> RunAllAsync(ScenarioRunner runner, ScenarioSet set, CancellationToken cancellationToken)
    {
        var results = new List<RunMetrics>();
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                foreach (var (variant, scenario) in set.Runs)
                {
                    var label = Markup.Escape(variant ?? scenario.Name);
                    var task = context.AddTask($"{label}: round 1/{scenario.Rounds} training", maxValue: scenario.Rounds);
                    results.Add(await runner.RunAsync(scenario, variant, round =>
                    {
                        var accuracy = round.TestAccuracy is { } a ? $"accuracy {a:P1}" : Markup.Escape(round.FailureReason ?? "failed");
                        var next = round.Round < scenario.Rounds ? $", round {round.Round + 1} training" : string.Empty;
                        task.Description = $"{label}: round {round.Round}/{scenario.Rounds} {round.Status.ToString().ToLowerInvariant()}, {round.Contributions.Accepted}/{round.Contributions.Selected} contributions, {accuracy}{next}";
                        task.Increment(1);
                    }, cancellationToken));
                }
            });
        return results;
    }
}
