using FedActors.Cluster.Node;
using FedActors.Configuration;
using FedActors.Crypto.Artifacts;
using FedActors.Crypto.Identity;
using FedActors.Federation.Deployment;
using FedActors.Federation.Journal;
using FedActors.Federation.Metrics;
using FedActors.Federation.Reporting;
using FedActors.Federation.Scenarios;
using FedActors.Learning;
using FedActors.Learning.Data;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace FedActors.Cli.Commands;

/// <summary>
/// <c>fedactors run SCENARIO --cluster --config coordinator.conf</c> (and <c>run --resume RUN --cluster --config …</c>):
/// starts this process as the coordinator node, waits with a progress line until the scenario's members are Up, runs
/// the scenario over them (<see cref="ClusterScenarioRunner"/>) and leaves the cluster. The node logs warnings and
/// errors on stderr; the progress and summary go to stdout.
/// </summary>
internal static class ClusterRun
{
    /// <summary>What the command line asked for.</summary>
    internal sealed record Request(FileInfo? Scenario, string[] Sets, DirectoryInfo? Resume, FileInfo Config, int? JoinTimeoutSeconds, FileInfo? OwnerKey, string? OwnerPasswordEnv);

    /// <summary>Runs the request; returns the command's exit code.</summary>
    public static async Task<int> RunAsync(Request request, CancellationToken cancellationToken)
    {
        if (!request.Config.Exists)
        {
            throw new FileNotFoundException($"{request.Config.FullName}: node configuration not found", request.Config.FullName);
        }
        var (scenario, label) = Load(request);
        var config = ConfigFactory.Load(request.Config.FullName);
        var settings = DeploymentSettings.FromConfig(config.GetConfig("fedactors.deployment"));
        if (request.JoinTimeoutSeconds is { } seconds)
        {
            settings = seconds > 0 ? settings.WithJoinTimeout(TimeSpan.FromSeconds(seconds)) : throw new ArgumentException($"--join-timeout must be > 0 seconds, was {seconds}.");
        }
        using var loggerFactory = new NodeCommands.ConsoleLoggerFactory(TimeProvider.System, LogLevel.Warning, Console.Error);
        await using var node = await FederationNode.StartAsync(config, DatasetCatalog.Names, loggerFactory);
        using var owner = request.OwnerKey is null ? null : IdentityFiles.ReadPrivateKey(request.OwnerKey.FullName, KeysCommands.ReadPassword(request.OwnerPasswordEnv, "--owner-key-password-env"));
        var runner = new ClusterScenarioRunner(node, settings, LearningSettings.FromConfig(config.GetConfig("fedactors.learning")), TimeProvider.System)
        {
            OwnerKey = owner is null ? null : ArtifactKey.FromKeyPair(owner),
        };
        RunMetrics? result = null;
        try
        {
            await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async context =>
                {
                    var needed = scenario.Federation.Clients + (scenario.Federation.IsSecure ? 1 : 0);
                    var members = context.AddTask($"{label}: waiting for members", maxValue: needed);
                    await node.Cluster.WhenUp.WaitAsync(settings.JoinTimeout, cancellationToken);
                    await runner.WaitForMembersAsync(scenario, count =>
                    {
                        members.Description = $"{label}: {Markup.Escape(count.ToString())} Up";
                        members.Value = Math.Min(count.Clients, count.ClientsNeeded) + Math.Min(count.KeyManagers, count.KeyManagersNeeded);
                    }, cancellationToken);
                    members.StopTask();
                    var rounds = context.AddTask($"{label}: round 1/{scenario.Rounds} training", maxValue: scenario.Rounds);
                    var progress = RunCommand.Progress(rounds, label, scenario.Rounds);
                    result = request.Resume is { } directory
                        ? await runner.ResumeAsync(directory.FullName, progress, cancellationToken)
                        : await runner.RunAsync(scenario, progress, cancellationToken);
                });
        }
        catch (TimeoutException)
        {
            throw new ClusterRunException($"The coordinator node did not become a cluster member within {settings.JoinTimeout.TotalSeconds:0} s; check fedactors.cluster.seed-nodes in {request.Config.FullName} and the log above.");
        }
        finally
        {
            await node.LeaveAndStopAsync();
        }
        ConsoleSummary.Write(AnsiConsole.Console, [result!]);
        AnsiConsole.MarkupLineInterpolated($"{label}: [bold]{scenario.Output.Directory}[/]");
        return result!.Rounds.Any(round => round.Status == RoundStatus.Completed) ? 0 : RunCommand.NoRoundCompleted;
    }

    private static (Scenario Scenario, string Label) Load(Request request)
    {
        if (request.Resume is { } directory)
        {
            if (request.Scenario is not null || request.Sets.Length > 0)
            {
                throw new ArgumentException($"--resume {directory} takes neither a scenario file nor --set: the run continues with the scenario it started with ({directory.FullName}/scenario.conf).");
            }
            RunStore.ReadRunId(directory.FullName);
            var path = Path.Combine(directory.FullName, RunStore.ScenarioFile);
            var loaded = ScenarioLoader.FromText(File.ReadAllText(path), path).Base;
            var resumed = loaded with { Output = loaded.Output with { Directory = directory.FullName } };
            ClusterScenarioRunner.RequireClusterSupported(resumed);
            return (resumed, Markup.Escape(directory.Name));
        }
        if (request.OwnerKey is not null)
        {
            throw new ArgumentException("--owner-key is only read with --resume: a new run encrypts to output.encrypt-to's public key and needs no private key.");
        }
        var file = request.Scenario ?? throw new ArgumentException("Give a scenario file to run, or --resume RUN to continue a run.");
        if (!file.Exists)
        {
            throw new FileNotFoundException($"{file.FullName}: scenario file not found", file.FullName);
        }
        var set = ScenarioLoader.Load(file.FullName, request.Sets);
        if (set.Runs.Count != 1)
        {
            throw new ArgumentException($"{file.FullName}: a cluster run takes one scenario, but its sweep makes {set.Runs.Count} variants; run each variant with --set instead of sweep.");
        }
        var scenario = set.Runs[0].Scenario;
        ClusterScenarioRunner.RequireClusterSupported(scenario);
        return (scenario, Markup.Escape(scenario.Name));
    }
}
