using System.CommandLine;
using FedActors.Configuration;
using FedActors.Crypto.Artifacts;
using FedActors.Crypto.Identity;
using FedActors.Federation.Journal;
using FedActors.Federation.Metrics;
using FedActors.Federation.Reporting;
using FedActors.Federation.Scenarios;
using FedActors.Federation.Simulation;
using FedActors.Learning;
using Spectre.Console;

namespace FedActors.Cli.Commands;

/// <summary>
/// The <c>fedactors run SCENARIO [--set key=value]...</c> command: runs a scenario file (and its sweep variants) through
/// the actor federation and reports; <c>fedactors run --resume RUN</c> continues a run that was killed before its end.
/// </summary>
public static class RunCommand
{
    /// <summary>The exit code of a run whose scenario was valid but in which no round completed.</summary>
    public const int NoRoundCompleted = 3;

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var scenario = new Argument<FileInfo?>("scenario") { Description = "The scenario file (HOCON) to run.", Arity = ArgumentArity.ZeroOrOne };
        var resume = new Option<DirectoryInfo?>("--resume") { Description = "Continue the run in this run directory from its journal (no scenario file: the run's own is used)." };
        var ownerKey = new Option<FileInfo?>("--owner-key") { Description = "With --resume: the model owner's private key (node.key), to read checkpoints encrypted to it (output.encrypt-to)." };
        var ownerPassword = new Option<string?>("--owner-key-password-env") { Description = "Name of an environment variable holding --owner-key's password." };
        var sets = new Option<string[]>("--set") { Description = "Override a scenario key, e.g. --set rounds=5 (repeatable; keys are relative to scenario).", AllowMultipleArgumentsPerToken = false };
        var cluster = new Option<bool>("--cluster") { Description = "Run over a cluster: start this process as the coordinator node of --config and use the client (and key-manager) nodes that joined." };
        var nodeConfig = new Option<FileInfo?>("--config") { Description = "With --cluster: the coordinator node's configuration (fedactors.remote, fedactors.cluster, fedactors.node), e.g. hocon/coordinator.conf." };
        var joinTimeout = new Option<int?>("--join-timeout") { Description = "With --cluster: seconds to wait for federation.clients client members (and a key-manager) to be Up (default fedactors.deployment.join-timeout)." };
        var command = new Command("run", "Run a scenario through the actor federation and write metrics.json, report.html and a summary.")
        {
            scenario, sets, resume, ownerKey, ownerPassword, cluster, nodeConfig, joinTimeout,
        };
        command.SetAction((parse, cancellationToken) => CommandGuard.RunAsync(async () =>
        {
            if (parse.GetValue(cluster))
            {
                var configFile = parse.GetValue(nodeConfig) ?? throw new ArgumentException("--cluster needs --config FILE: the coordinator node's configuration (see hocon/coordinator.conf).");
                return await ClusterRun.RunAsync(
                    new ClusterRun.Request(parse.GetValue(scenario), parse.GetValue(sets) ?? [], parse.GetValue(resume), configFile, parse.GetValue(joinTimeout), parse.GetValue(ownerKey), parse.GetValue(ownerPassword)),
                    cancellationToken);
            }
            if (parse.GetValue(nodeConfig) is not null || parse.GetValue(joinTimeout) is not null)
            {
                throw new ArgumentException("--config and --join-timeout are read only with --cluster; a simulation reads its settings from the scenario file.");
            }
            if (parse.GetValue(resume) is { } directory)
            {
                return parse.GetValue(scenario) is null && (parse.GetValue(sets) ?? []).Length == 0
                    ? await ResumeAsync(directory, parse.GetValue(ownerKey), parse.GetValue(ownerPassword), cancellationToken)
                    : throw new ArgumentException($"--resume {directory} takes neither a scenario file nor --set: the run continues with the scenario it started with ({directory.FullName}/scenario.conf).");
            }
            if (parse.GetValue(ownerKey) is not null)
            {
                throw new ArgumentException("--owner-key is only read with --resume: a new run encrypts to output.encrypt-to's public key and needs no private key.");
            }
            var file = parse.GetValue(scenario) ?? throw new ArgumentException("Give a scenario file to run, or --resume RUN to continue a run.");
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
                    results.Add(await runner.RunAsync(scenario, variant, Progress(task, label, scenario.Rounds), cancellationToken));
                }
            });
        return results;
    }

    internal static Action<RoundMetrics> Progress(ProgressTask task, string label, int rounds) => round =>
    {
        var accuracy = round.TestAccuracy is { } a ? $"accuracy {a:P1}"
            : round.Status == RoundStatus.Completed ? "not evaluated this round"
            : Markup.Escape(round.FailureReason ?? "failed");
        var next = round.Round < rounds ? $", round {round.Round + 1} training" : string.Empty;
        task.Description = $"{label}: round {round.Round}/{rounds} {round.Status.ToString().ToLowerInvariant()}, {round.Contributions.Accepted}/{round.Contributions.Selected} contributions, {accuracy}{next}";
        task.Increment(1);
    };

    private static async Task<int> ResumeAsync(DirectoryInfo directory, FileInfo? ownerKeyFile, string? ownerPasswordEnv, CancellationToken cancellationToken)
    {
        // A directory that is no run is refused with that message, before its scenario file is looked for.
        RunStore.ReadRunId(directory.FullName);
        var config = ConfigFactory.Load(Path.Combine(directory.FullName, RunStore.ScenarioFile));
        using var owner = ownerKeyFile is null ? null : IdentityFiles.ReadPrivateKey(ownerKeyFile.FullName, KeysCommands.ReadPassword(ownerPasswordEnv, "--owner-key-password-env"));
        var runner = new ScenarioRunner(config, LearningSettings.FromConfig(config.GetConfig("fedactors.learning")), TimeProvider.System)
        {
            OwnerKey = owner is null ? null : ArtifactKey.FromKeyPair(owner),
        };
        var label = Markup.Escape(directory.Name);
        var rounds = config.GetInt("scenario.rounds");
        RunMetrics? result = null;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask($"{label}: resuming from the journal", maxValue: rounds);
                result = await runner.ResumeAsync(directory.FullName, Progress(task, label, rounds), cancellationToken);
            });
        ConsoleSummary.Write(AnsiConsole.Console, [result!]);
        AnsiConsole.MarkupLineInterpolated($"{result!.Run.Variant ?? result.Run.Scenario}: [bold]{directory.FullName}[/]");
        return result.Rounds.Any(round => round.Status == RoundStatus.Completed) ? 0 : NoRoundCompleted;
    }
}
