using System.CommandLine;
using System.Globalization;
using FedActors.Configuration;
using FedActors.Federation.Journal;
using FedActors.Federation.Metrics;
using FedActors.Federation.Reporting;
using FedActors.Federation.Scenarios;
using FedActors.Federation.Simulation;
using FedActors.Learning;
using FedActors.Persistence.Journal;
using FedActors.Persistence.Sql;
using Spectre.Console;

namespace FedActors.Cli.Commands;

/// <summary>
/// The <c>fedactors replay RUN [--verify] [--round K] [--reexecute] [--fork-at K --set key=value ...]</c> command:
/// audits, prints, re-executes or forks a run from its Coordinator's journal.
/// </summary>
public static class ReplayCommands
{
    /// <summary>The exit code of a journal that fails verification, or of a re-execution that diverges from the record.</summary>
    public const int Failed = 1;

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var run = new Argument<string>("run") { Description = "The run directory (a scenario's output.dir, with journal.db, scenario.conf and run-id)." };
        var verify = new Option<bool>("--verify") { Description = "Verify the journal's hash chain, every contribution signature against the journaled roster, and the stored blobs; exit 1 naming the first bad event." };
        var round = new Option<int?>("--round") { Description = "Print the details of round K: openings, selected clients, accepted and rejected contributions, outcome." };
        var reexecute = new Option<bool>("--reexecute") { Description = "Re-run the journaled scenario with its seed and compare every recorded model hash; exit 1 at a divergence." };
        var forkAt = new Option<int?>("--fork-at") { Description = "Take rounds 1..K-1 as recorded and run rounds K.. with the --set overrides into RUN-fork-K-...; print both runs side by side." };
        var sets = new Option<string[]>("--set") { Description = "With --fork-at: override a scenario key from round K on, e.g. --set federation.aggregation=median (repeatable)." };
        var command = new Command("replay", "Audit, print, re-execute or fork a run from its Coordinator's journal.") { run, verify, round, reexecute, forkAt, sets };
        command.SetAction((parse, cancellationToken) => CommandGuard.RunAsync(async () =>
        {
            var directory = parse.GetValue(run)!;
            var overrides = parse.GetValue(sets) ?? [];
            var (isVerify, roundNumber, isReexecute, fork) = (parse.GetValue(verify), parse.GetValue(round), parse.GetValue(reexecute), parse.GetValue(forkAt));
            if (new[] { isVerify, roundNumber is not null, isReexecute, fork is not null }.Count(b => b) > 1)
            {
                throw new ArgumentException("Choose one of --verify, --round, --reexecute and --fork-at.");
            }
            if (overrides.Length > 0 && fork is null)
            {
                throw new ArgumentException("--set applies to a fork; give --fork-at K with it.");
            }
            var context = RunContext.Open(directory);
            return isVerify ? await VerifyAsync(context, cancellationToken)
                : roundNumber is { } k ? await PrintRoundAsync(context, k, cancellationToken)
                : isReexecute ? await ReexecuteAsync(context, cancellationToken)
                : fork is { } at ? await ForkAsync(context, at, overrides, cancellationToken)
                : await PrintAsync(context, cancellationToken);
        }));
        return command;
    }

    private static async Task<int> VerifyAsync(RunContext context, CancellationToken cancellationToken)
    {
        await using var journal = context.OpenJournal();
        try
        {
            var result = await RunVerifier.VerifyAsync(journal, journal, context.RunId, new BlobStore(context.Directory),
                (id, sequenceNr) => RunStore.ManifestAtAsync(context.Scenario.Persistence, context.StoreSettings, id, sequenceNr), cancellationToken);
            Console.Out.WriteLine($"OK: {result.Events} events in the hash chain, {result.Signatures} contribution signatures, {result.Blobs} stored contributions verified ({context.Directory}).");
            return 0;
        }
        catch (Exception e) when (e is JournalVerificationException or CorruptRowException)
        {
            Console.Error.WriteLine($"FAILED: {e.Message}");
            return Failed;
        }
    }

    private static async Task<int> PrintAsync(RunContext context, CancellationToken cancellationToken)
    {
        var recorded = await context.ReadAsync(cancellationToken);
        var oracle = context.OracleRounds();
        var started = recorded.Started;
        AnsiConsole.MarkupLineInterpolated($"[bold]{started.RunId}[/]  mode {started.Mode}, seed {started.Seed}{(recorded.Variant is null ? "" : $", variant {recorded.Variant}")}{(started.ForkedFromRunId.Length == 0 ? "" : $", fork of {started.ForkedFromRunId} at round {started.ForkAtRound}")}");
        var table = new Table().Border(TableBorder.Rounded).BorderColor(Color.Grey);
        // Narrow enough for an 80-column terminal: the attempts join the status, the hash is shortened.
        foreach (var column in new[] { "round", "status", "selected", "accepted", "rejected", "model", "accuracy" })
        {
            table.AddColumn(new TableColumn(new Text(column, new Style(decoration: Decoration.Bold))));
        }
        foreach (var r in recorded.Rounds)
        {
            var rejected = r.Metrics?.Contributions.Rejected ?? r.Rejected.GroupBy(x => x.Reason).ToDictionary(g => g.Key, g => g.Count());
            table.AddRow(
                new Text(r.Round.ToString(CultureInfo.InvariantCulture)),
                new Text(r.Attempts > 1 ? $"{r.Status} ({r.Attempts} tries)" : r.Status, new Style(r.Status == "completed" ? Color.Green : Color.Yellow)),
                new Text(r.Opened.Selected.Count.ToString(CultureInfo.InvariantCulture)),
                new Text((r.Metrics?.Contributions.Accepted ?? r.Accepted.Count).ToString(CultureInfo.InvariantCulture)),
                new Text(rejected.Count == 0 ? "-" : string.Join(", ", rejected.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"))),
                new Text(r.ModelHash is null ? "-" : Convert.ToHexStringLower(r.ModelHash)[..12]),
                new Text(Accuracy(oracle, r.Round)));
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"{(recorded.Completed is null ? "[yellow]The run did not complete; `fedactors run --resume` continues it.[/]" : $"Run completed after {recorded.Completed.Rounds} rounds.")}");
        return 0;
    }

    private static async Task<int> PrintRoundAsync(RunContext context, int number, CancellationToken cancellationToken)
    {
        var recorded = await context.ReadAsync(cancellationToken);
        var r = recorded.Rounds.FirstOrDefault(x => x.Round == number)
            ?? throw new ArgumentException($"--round {number}: run {context.RunId} journaled rounds {(recorded.Rounds.Count == 0 ? "none" : $"1..{recorded.Rounds[^1].Round}")}.");
        var opened = r.Opened;
        var grid = new Grid().AddColumn().AddColumn();
        void Row(string name, string value) => grid.AddRow(new Text(name, new Style(Color.Grey)), new Text(value));
        Row("round", $"{r.Round} ({r.Status}, opened {r.Attempts} time(s))");
        Row("epoch · nonce", $"{opened.Epoch} · {Convert.ToHexStringLower(opened.Nonce.Span)}");
        Row("deadline", DateTimeOffset.FromUnixTimeMilliseconds(opened.DeadlineUnixMs).ToString("u", CultureInfo.InvariantCulture));
        Row("model in", Convert.ToHexStringLower(opened.ModelHash.Span));
        Row("selected", string.Join(", ", opened.Selected));
        Row("model out", r.ModelHash is null ? "-" : Convert.ToHexStringLower(r.ModelHash));
        Row("accuracy", Accuracy(context.OracleRounds(), r.Round));
        if (r.Metrics?.FailureReason is { } reason)
        {
            Row("failure", reason);
        }
        AnsiConsole.Write(grid);
        var contributions = new Table().Border(TableBorder.Rounded).BorderColor(Color.Grey).AddColumns("client", "decision", "samples", "bytes", "contribution hash");
        foreach (var a in r.Accepted)
        {
            contributions.AddRow(new Text(a.ClientId), new Text("accepted", new Style(Color.Green)), new Text(a.SampleCount.ToString(CultureInfo.InvariantCulture)),
                new Text(a.Bytes.ToString(CultureInfo.InvariantCulture)), new Text(Convert.ToHexStringLower(a.ContributionHash.Span)[..16]));
        }
        foreach (var x in r.Rejected)
        {
            contributions.AddRow(new Text(x.ClientId), new Text($"rejected: {x.Reason}", new Style(Color.Yellow)), new Text("-"), new Text("-"), new Text("-"));
        }
        AnsiConsole.Write(contributions);
        return 0;
    }

    private static async Task<int> ReexecuteAsync(RunContext context, CancellationToken cancellationToken)
    {
        var recorded = await context.ReadAsync(cancellationToken);
        var work = Path.Combine(Path.GetTempPath(), $"fedactors-reexecute-{Guid.NewGuid():N}");
        IReadOnlyList<RoundComparison> comparisons;
        try
        {
            Console.Out.WriteLine($"Re-executing run {context.RunId} ({recorded.EndedRounds.Count()} recorded rounds) from its journaled scenario and seed...");
            comparisons = await RunReexecution.RunAsync(context.Runner(), recorded, work, cancellationToken);
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
        var table = new Table().Border(TableBorder.Rounded).BorderColor(Color.Grey).AddColumns("round", "recorded", "re-executed", "match");
        foreach (var c in comparisons)
        {
            table.AddRow(
                new Text(c.Round.ToString(CultureInfo.InvariantCulture)),
                new Text($"{c.RecordedStatus} {c.RecordedHash?[..16]}"),
                new Text($"{c.ReexecutedStatus} {c.ReexecutedHash?[..16]}"),
                new Text(c.Matches ? "yes" : "NO", new Style(c.Matches ? Color.Green : Color.Red)));
        }
        AnsiConsole.Write(table);
        if (comparisons.FirstOrDefault(c => !c.Matches) is { } first)
        {
            Console.Error.WriteLine($"DIVERGED at round {first.Round}: recorded {first.RecordedStatus} {first.RecordedHash ?? "(no model)"}, re-executed {first.ReexecutedStatus} {first.ReexecutedHash ?? "(no model)"}.");
            var scenario = RunReexecution.ScenarioOf(recorded, []);
            if (scenario.Federation.IsSecure && !scenario.Crypto.DeterministicRandomness)
            {
                Console.Error.WriteLine("The run is secure-sum without crypto.deterministic-randomness = on: its encryption and flooding noise are fresh, so its models are not bit-reproducible.");
            }
            return Failed;
        }
        Console.Out.WriteLine($"No divergence: {comparisons.Count} rounds re-executed with the recorded outcome and model hash.");
        return 0;
    }

    private static async Task<int> ForkAsync(RunContext context, int forkAt, string[] overrides, CancellationToken cancellationToken)
    {
        var forkDirectory = await RunFork.CreateAsync(context.Directory, forkAt, overrides, context.Persistence, TimeProvider.System, cancellationToken);
        Console.Out.WriteLine($"Forked run {context.RunId} at round {forkAt} into {forkDirectory}; running rounds {forkAt}.. with {string.Join(" ", overrides)}...");
        var fork = await context.Runner().ResumeAsync(forkDirectory, cancellationToken: cancellationToken);
        var original = context.OracleRounds();
        var recorded = await context.ReadAsync(cancellationToken);
        var table = new Table().Border(TableBorder.Rounded).BorderColor(Color.Grey).AddColumns("round", "original acc.", "fork acc.", "original model", "fork model");
        foreach (var round in fork.Rounds)
        {
            var before = recorded.Rounds.FirstOrDefault(r => r.Round == round.Round)?.ModelHash;
            table.AddRow(
                new Text(round.Round.ToString(CultureInfo.InvariantCulture) + (round.Round < forkAt ? " (recorded)" : "")),
                new Text(Accuracy(original, round.Round)),
                new Text(round.TestAccuracy is { } a ? ChartFormats.Percent(a) : "-"),
                new Text(before is null ? "-" : Convert.ToHexStringLower(before)[..12]),
                new Text(round.ModelHash?[..12] ?? "-"));
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"fork: [bold]{forkDirectory}[/]");
        return 0;
    }

    private static string Accuracy(IReadOnlyDictionary<int, RoundMetrics> rounds, int round) =>
        rounds.TryGetValue(round, out var m) && m.TestAccuracy is { } a ? ChartFormats.Percent(a) : "-";

    /// <summary>What every replay mode needs about a run directory.</summary>
    private sealed record RunContext(string Directory, string RunId, Scenario Scenario, Config Config, SqlStoreSettings StoreSettings)
    {
        public Config Persistence => Config.GetConfig("fedactors.persistence");

        public static RunContext Open(string directory)
        {
            var runId = RunStore.ReadRunId(directory);
            var path = Path.Combine(directory, RunStore.ScenarioFile);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"{path}: the run's scenario file is missing (a run writes it when it starts).", path);
            }
            var config = ConfigFactory.Load(path);
            var scenario = ScenarioLoader.FromConfig(config).Base;
            return new RunContext(directory, runId, scenario, config, RunStore.StoreSettings(scenario.Persistence, directory, config.GetConfig("fedactors.persistence")));
        }

        public SqlJournal OpenJournal() => RunStore.OpenJournal(Scenario.Persistence, StoreSettings, TimeProvider.System);

        public async Task<JournaledRun> ReadAsync(CancellationToken cancellationToken)
        {
            await using var journal = OpenJournal();
            return await JournaledRun.ReadAsync(journal, RunId, cancellationToken);
        }

        /// <summary>The oracle figures of the run's rounds from its metrics.json (the journal holds the Coordinator's view only), or none.</summary>
        public IReadOnlyDictionary<int, RoundMetrics> OracleRounds()
        {
            var path = System.IO.Path.Combine(Directory, MetricsFile.FileName);
            return File.Exists(path) ? MetricsFile.Read(path).Rounds.ToDictionary(r => r.Round) : new Dictionary<int, RoundMetrics>();
        }

        public ScenarioRunner Runner() => new(Config, LearningSettings.FromConfig(Config.GetConfig("fedactors.learning")), TimeProvider.System);
    }
}
