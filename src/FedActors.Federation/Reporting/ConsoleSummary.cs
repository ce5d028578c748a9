using System.Globalization;
using FedActors.Federation.Metrics;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace FedActors.Federation.Reporting;

/// <summary>
/// The summary table printed at the end of a run (or a sweep, one column per variant): outcome,
/// accuracy, attack success, contributions and rejections by reason, undetected replays, refused isolation attempts, traffic
/// per role, time per phase and decryption error. All text from metrics is shown literally
/// (never parsed as Spectre markup).
/// </summary>
public static class ConsoleSummary
{
    /// <summary>Builds the table for one or more runs.</summary>
    /// <param name="runs">At least one run's metrics; each becomes a column.</param>
    /// <returns>A Spectre.Console table.</returns>
    /// <exception cref="ArgumentException">No runs were given.</exception>
    public static Table Build(IReadOnlyList<RunMetrics> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0)
        {
            throw new ArgumentException("A summary needs the metrics of at least one run.", nameof(runs));
        }

        var table = new Table().Border(TableBorder.Rounded).BorderColor(Color.Grey);
        // A table title is parsed as markup, unlike the Text cells; scenario names must not be.
        var title = runs.Count == 1 ? $"Run summary: {runs[0].Run.Scenario}" : $"Sweep summary: {runs.Count} variants";
        table.Title = new TableTitle(Markup.Escape(title), new Style(decoration: Decoration.Bold));
        table.AddColumn(new TableColumn(new Text(string.Empty)));
        foreach (var run in runs)
        {
            table.AddColumn(new TableColumn(new Text(run.Label, new Style(decoration: Decoration.Bold))).RightAligned());
        }

        var totals = runs.Select(r => r.Totals).ToArray();
        void Row(string name, Func<int, IRenderable> cell) =>
            table.AddRow([new Text(name, new Style(Color.Grey)), .. Enumerable.Range(0, runs.Count).Select(cell)]);
        void TextRow(string name, Func<int, string> value) => Row(name, i => new Text(value(i)));

        TextRow("mode · aggregation", i => $"{runs[i].Run.Mode} · {runs[i].Run.Aggregation}");
        TextRow("seed", i => runs[i].Run.Seed.ToString(CultureInfo.InvariantCulture));
        Row("rounds completed / failed", i => new Text(
            $"{totals[i].RoundsCompleted} / {totals[i].RoundsFailed}",
            totals[i].RoundsFailed > 0 ? new Style(Color.Yellow) : Style.Plain));
        Row("final accuracy", i => new Text(Optional(totals[i].FinalAccuracy, ChartFormats.Percent), new Style(Color.Green, decoration: Decoration.Bold)));
        TextRow("best accuracy", i => Optional(totals[i].BestAccuracy, ChartFormats.Percent));
        TextRow("final loss", i => Optional(totals[i].FinalLoss, v => v.ToString("0.000", CultureInfo.InvariantCulture)));
        if (totals.Any(t => t.FinalBackdoorSuccess is not null))
        {
            TextRow("backdoor success (final / peak)", i => $"{Optional(totals[i].FinalBackdoorSuccess, ChartFormats.Percent)} / {Optional(totals[i].MaxBackdoorSuccess, ChartFormats.Percent)}");
        }

        TextRow("contributions accepted", i => totals[i].Accepted.ToString(CultureInfo.InvariantCulture));
        foreach (var reason in totals.SelectMany(t => t.Rejected.Keys).Distinct().Order(StringComparer.Ordinal))
        {
            TextRow($"rejected: {reason}", i => totals[i].Rejected.GetValueOrDefault(reason).ToString(CultureInfo.InvariantCulture));
        }

        Row("undetected replays", i => new Text(
            totals[i].UndetectedReplays.ToString(CultureInfo.InvariantCulture),
            totals[i].UndetectedReplays > 0 ? new Style(Color.Yellow, decoration: Decoration.Bold) : Style.Plain));
        var isolation = runs.Select(r => IsolationSummary.From(r.Rounds)).ToArray();
        if (isolation.Any(s => s is not null))
        {
            Row("isolation attempts refused", i => new Text(
                isolation[i] is { } s ? $"{s.Refused} of {s.Attempts}" : "—",
                isolation[i] is { Succeeded: > 0 } ? new Style(Color.Red, decoration: Decoration.Bold) : Style.Plain));
        }

        TextRow("bytes coordinator (sent / recv)", i => Traffic(totals[i].Bytes.Coordinator));
        TextRow("bytes key manager (sent / recv)", i => Traffic(totals[i].Bytes.KeyManager));
        TextRow("bytes clients (sent / recv)", i => Traffic(totals[i].Bytes.Clients));
        var phases = PhaseTimes.PhaseNames;
        for (var p = 0; p < phases.Count; p++)
        {
            var phase = p;
            TextRow($"time {phases[p]}", i => ChartFormats.Seconds(totals[i].Time.ToArray()[phase]));
        }

        if (totals.Any(t => t.MaxDecryptionError is not null))
        {
            TextRow("max decryption error", i => Optional(totals[i].MaxDecryptionError, ChartFormats.Scientific));
        }

        TextRow("duration", i => ChartFormats.Seconds(runs[i].Run.DurationSeconds));
        TextRow("final model hash", i => runs[i].Run.FinalModelHash is { } hash ? hash[..Math.Min(16, hash.Length)] : "—");
        return table;
    }

    /// <summary>Writes the summary table, followed by the runs' notes, to <paramref name="console"/>.</summary>
    /// <param name="console">The console to write to (e.g. <see cref="AnsiConsole.Console"/>).</param>
    /// <param name="runs">At least one run's metrics.</param>
    public static void Write(IAnsiConsole console, IReadOnlyList<RunMetrics> runs)
    {
        ArgumentNullException.ThrowIfNull(console);
        console.Write(Build(runs));
        foreach (var note in runs.SelectMany(r => r.Run.Notes).Distinct())
        {
            console.Write(new Text($"note: {note}\n", new Style(Color.Yellow)));
        }
    }

    private static string Traffic(ByteCounts bytes) => $"{ChartFormats.Bytes(bytes.Sent)} / {ChartFormats.Bytes(bytes.Received)}";

    private static string Optional(double? value, Func<double, string> format) => value is { } v ? format(v) : "—";
}
