using System.Globalization;
using FedActors.Federation.Metrics;

namespace FedActors.Federation.Reporting;

/// <summary>
/// Renders <c>report.html</c> from one run's metrics, or several runs side by side (a sweep):
/// summary table, notes, SVG charts (accuracy, loss, backdoor success, contributions by reason,
/// time per phase, bytes per role, decryption error, per-class recall) and per-round tables.
/// The page is self-contained: no scripts, no external fonts, styles or images, so it opens
/// offline and from a file system.
/// </summary>
public static class HtmlReport
{
    /// <summary>The report's file name inside a run directory.</summary>
    public const string FileName = "report.html";

    private const string Style = """
        :root { color-scheme: light; }
        * { box-sizing: border-box; }
        body { margin: 0; background: #f3f4f6; color: #1f2937; font: 14px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', 'Liberation Sans', sans-serif; }
        header { background: #111827; color: #f9fafb; padding: 24px 40px 20px; }
        header h1 { margin: 0 0 4px; font-size: 24px; font-weight: 600; }
        header p { margin: 0; color: #9ca3af; }
        main { max-width: 1240px; margin: 0 auto; padding: 24px 40px 48px; }
        h2 { font-size: 18px; font-weight: 600; margin: 32px 0 12px; }
        section.card, figure.card { background: #ffffff; border: 1px solid #e5e7eb; border-radius: 8px; padding: 16px 20px; margin: 0; box-shadow: 0 1px 2px rgba(0,0,0,0.04); }
        .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); gap: 20px; }
        figure.card figcaption { font-weight: 600; margin-bottom: 4px; }
        figure.card p.explain { margin: 0 0 8px; color: #6b7280; font-size: 13px; }
        svg.chart { display: block; height: auto; }
        table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
        th, td { text-align: right; padding: 6px 8px; vertical-align: top; border-bottom: 1px solid #e5e7eb; white-space: nowrap; }
        th:first-child, td:first-child, td.text, th.text { text-align: left; }
        td.text { white-space: normal; }
        td.nowrap { white-space: nowrap; }
        th { background: #f9fafb; font-weight: 600; color: #374151; white-space: normal; vertical-align: bottom; }
        tr.failed td { background: #fef2f2; }
        tr.failed:not(.reason) td { border-bottom: none; }
        tr.reason td { color: #991b1b; padding-top: 0; }
        .scroll { overflow-x: auto; }
        .notes { margin: 0; padding-left: 20px; }
        .notes li { margin: 4px 0; }
        .tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(128px, 1fr)); gap: 12px; }
        .tile { background: #ffffff; border: 1px solid #e5e7eb; border-radius: 8px; padding: 12px 16px; }
        .tile .label { color: #6b7280; font-size: 12px; text-transform: uppercase; letter-spacing: 0.04em; }
        .tile .value { white-space: nowrap; font-size: 22px; font-weight: 600; margin: 2px 0; font-variant-numeric: tabular-nums; }
        .sub { color: #6b7280; font-size: 12px; }
        .warn { border-left: 4px solid #d97706; }
        .badge { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 12px; background: #e5e7eb; }
        .badge.failed { background: #fee2e2; color: #991b1b; }
        .badge.completed { background: #dcfce7; color: #166534; }
        details { margin-top: 12px; }
        summary { cursor: pointer; font-weight: 600; }
        footer { color: #6b7280; font-size: 12px; margin-top: 32px; }
        """;

    /// <summary>Renders the report of <paramref name="runs"/> (one run, or the variants of a sweep).</summary>
    /// <param name="runs">At least one run's metrics.</param>
    /// <param name="title">The page title; defaults to the first run's scenario name.</param>
    /// <returns>The complete HTML document.</returns>
    /// <exception cref="ArgumentException">No runs were given.</exception>
    public static string Render(IReadOnlyList<RunMetrics> runs, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0)
        {
            throw new ArgumentException("A report needs the metrics of at least one run.", nameof(runs));
        }

        title ??= runs.Count == 1 ? runs[0].Run.Scenario : $"{runs[0].Run.Scenario} sweep ({runs.Count} variants)";
        var html = new MarkupWriter().Doctype();
        html.Open("html", ("lang", "en"));
        html.Open("head");
        html.Empty("meta", ("charset", "utf-8"));
        html.Empty("meta", ("name", "viewport"), ("content", "width=device-width, initial-scale=1"));
        html.Element("title", $"FedActors report: {title}");
        html.Element("style", Style);
        html.Close().Line();

        html.Open("body");
        html.Open("header");
        html.Element("h1", $"FedActors report: {title}");
        var first = runs[0].Run;
        html.Element("p", runs.Count == 1
            ? $"{Setup(first)} · seed {first.Seed} · {first.Clients} clients, {first.ClientsPerRound} per round · started {first.StartedAt.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)}"
            : $"{runs.Count} variants side by side · started {first.StartedAt.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)}");
        html.Close().Line();

        html.Open("main");
        Summary(html, runs);
        Notes(html, runs);
        Charts(html, runs);
        RoundTables(html, runs);
        html.Element("footer", "Generated by fedactors from metrics.json; regenerate with `fedactors report RUN`. Oracle metrics (accuracy, recall, backdoor success, decryption error) come from the simulation's oracle view, never from the protocol.");
        html.Close();
        html.Close().Close().Line();
        return html.ToString();
    }

    /// <summary>Renders and writes the report to <paramref name="path"/> (UTF-8), creating its directory.</summary>
    /// <param name="runs">At least one run's metrics.</param>
    /// <param name="path">The destination, usually <c>RUN/report.html</c>.</param>
    /// <param name="title">The page title; defaults to the scenario name.</param>
    public static void Write(IReadOnlyList<RunMetrics> runs, string path, string? title = null)
    {
        var text = Render(runs, title);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, text);
    }

    private static void Summary(MarkupWriter html, IReadOnlyList<RunMetrics> runs)
    {
        html.Element("h2", "Summary");
        if (runs.Count == 1)
        {
            Tiles(html, runs[0]);
            return;
        }

        html.Open("section", ("class", "card scroll"));
        html.Open("table");
        html.Open("thead").Open("tr");
        foreach (var h in new[] { "run", "setup", "rounds ok / failed", "final accuracy", "best accuracy", "final backdoor", "accepted", "rejected", "undetected replays", "traffic", "duration" })
        {
            html.Element("th", h, ("class", h is "run" or "setup" ? "text" : null));
        }

        html.Close().Close();
        html.Open("tbody");
        foreach (var run in runs)
        {
            var t = run.Totals;
            html.Open("tr");
            html.Open("td", ("class", "text")).Text(run.Label).Element("div", $"seed {run.Run.Seed.ToString(CultureInfo.InvariantCulture)}", ("class", "sub")).Close();
            html.Element("td", Setup(run.Run), ("class", "text nowrap"));
            html.Element("td", $"{t.RoundsCompleted} / {t.RoundsFailed}");
            html.Element("td", Optional(t.FinalAccuracy, ChartFormats.Percent));
            html.Element("td", Optional(t.BestAccuracy, ChartFormats.Percent));
            html.Element("td", Optional(t.FinalBackdoorSuccess, ChartFormats.Percent));
            html.Element("td", t.Accepted.ToString(CultureInfo.InvariantCulture));
            html.Element("td", t.Rejected.Values.Sum().ToString(CultureInfo.InvariantCulture));
            html.Element("td", t.UndetectedReplays.ToString(CultureInfo.InvariantCulture));
            html.Element("td", ChartFormats.Bytes(Traffic(t.Bytes)));
            html.Element("td", ChartFormats.Seconds(run.Run.DurationSeconds));
            html.Close();
        }

        html.Close().Close().Close().Line();
    }

    private static void Tiles(MarkupWriter html, RunMetrics run)
    {
        var t = run.Totals;
        var tiles = new List<(string Label, string Value, string Detail)>
        {
            ("final accuracy", Optional(t.FinalAccuracy, ChartFormats.Percent), $"best {Optional(t.BestAccuracy, ChartFormats.Percent)}"),
            ("rounds completed", $"{t.RoundsCompleted} of {run.Run.RoundsPlanned}", t.RoundsFailed == 0 ? "none failed" : $"{t.RoundsFailed} failed"),
            ("contributions", t.Accepted.ToString(CultureInfo.InvariantCulture), $"accepted, {t.Rejected.Values.Sum().ToString(CultureInfo.InvariantCulture)} rejected"),
            ("undetected replays", t.UndetectedReplays.ToString(CultureInfo.InvariantCulture), "accepted by the protocol"),
        };
        if (t.FinalBackdoorSuccess is not null)
        {
            tiles.Add(("backdoor success", Optional(t.FinalBackdoorSuccess, ChartFormats.Percent), $"peak {Optional(t.MaxBackdoorSuccess, ChartFormats.Percent)}"));
        }

        tiles.Add(("traffic", ChartFormats.Bytes(Traffic(t.Bytes)), "sent by all roles"));
        if (t.MaxDecryptionError is { } error)
        {
            tiles.Add(("decryption error", ChartFormats.Scientific(error), "largest, any round"));
        }

        tiles.Add(("duration", ChartFormats.Seconds(run.Run.DurationSeconds), $"{ChartFormats.Seconds(t.Time.Total / Math.Max(1, run.Rounds.Count))} per round"));

        html.Open("div", ("class", "tiles"));
        foreach (var (label, value, detail) in tiles)
        {
            html.Open("div", ("class", "tile"));
            html.Element("div", label, ("class", "label"));
            html.Element("div", value, ("class", "value"));
            html.Element("div", detail, ("class", "sub"));
            html.Close();
        }

        html.Close().Line();
    }

    private static string Setup(RunInfo run) => run.Mode == run.Aggregation ? run.Mode : $"{run.Mode} · {run.Aggregation}";

    private static long Traffic(RoleBytes bytes) => bytes.Coordinator.Sent + bytes.KeyManager.Sent + bytes.Clients.Sent;

    private static void Notes(MarkupWriter html, IReadOnlyList<RunMetrics> runs)
    {
        // A note shared by every variant of a sweep is shown once; others name their variants.
        var notes = new List<(string Text, string Label)>();
        foreach (var run in runs)
        {
            notes.AddRange(run.Run.Attacks.Select(a => ($"attack {a}", run.Label)));
            notes.AddRange(run.Run.Notes.Select(n => (n, run.Label)));
            var collusion = run.Rounds.Where(r => r.CollusionRelativeError is not null).Select(r => r.CollusionRelativeError!.Value).ToArray();
            if (collusion.Length > 0)
            {
                var smallest = collusion.Min().ToString("G3", CultureInfo.InvariantCulture);
                notes.Add((collusion.Min() > 1
                    ? $"collusion of t−1 holders recovered nothing (relative error {smallest}, smallest of {collusion.Length} attempts)"
                    : $"colluding key holders recovered a client's update (relative error {smallest}): the coalition reached the threshold", run.Label));
            }
            if (IsolationSummary.From(run.Rounds) is { } isolation)
            {
                notes.Add((isolation.ToString(), run.Label));
            }
            var replays = run.Totals.UndetectedReplays;
            if (replays > 0)
            {
                notes.Add(($"{replays} replayed contribution(s) were accepted by the protocol (undetected replays). " +
                    "A rerandomized copy of another client's ciphertext is indistinguishable from a fresh encryption, so replay protection cannot catch it " +
                    "(rerandomized-copy is not detectable without zero-knowledge proofs).", run.Label));
            }
        }

        if (notes.Count == 0)
        {
            return;
        }

        html.Element("h2", "Attacks and notes");
        html.Open("section", ("class", runs.Any(r => r.Totals.UndetectedReplays > 0 || IsolationSummary.From(r.Rounds) is { Succeeded: > 0 }) ? "card warn" : "card"));
        html.Open("ul", ("class", "notes"));
        foreach (var group in notes.GroupBy(n => n.Text))
        {
            var labels = group.Select(n => n.Label).Distinct().ToArray();
            html.Open("li");
            if (runs.Count > 1 && labels.Length < runs.Count)
            {
                html.Element("strong", string.Join(", ", labels) + ": ");
            }

            html.Text(group.Key).Close();
        }

        html.Close().Close().Line();
    }

    private static void Charts(MarkupWriter html, IReadOnlyList<RunMetrics> runs)
    {
        html.Element("h2", "Charts");
        html.Open("div", ("class", "grid"));

        Figure(html, "Test accuracy per round", "Accuracy of the global model on the held-out test set after each evaluated round (metrics.evaluate-every); gaps are failed rounds.",
            FractionChart("Test accuracy per round", PerEvaluatedRound(runs, r => r.TestAccuracy), "accuracy"));

        if (runs.Any(run => run.Rounds.Any(r => r.BackdoorSuccess is not null)))
        {
            Figure(html, "Attack success per round", "Fraction of triggered test inputs classified as the attacker's target label.",
                FractionChart("Backdoor success per round", PerEvaluatedRound(runs, r => r.BackdoorSuccess), "backdoor success"));
        }

        Figure(html, "Test loss per round", "Cross-entropy of the global model on the test set.",
            new LineChart { Title = "Test loss per round", Series = PerEvaluatedRound(runs, r => r.TestLoss), YLabel = "loss" }.Render());

        Figure(html, "Contributions accepted and rejected", runs.Count == 1
                ? "Per round: contributions that entered the aggregate, and rejected ones by reason."
                : "Per variant, over all rounds: accepted contributions and rejections by reason.",
            ContributionsChart(runs).Render());

        Figure(html, "Time per phase", runs.Count == 1
                ? "Wall-clock seconds of each round by phase (critical path)."
                : "Wall-clock seconds per round by phase, averaged over each variant's rounds.",
            TimeChart(runs).Render());

        Figure(html, "Bytes per role", "Bytes sent and received by each role over the whole run (clients summed).", BytesChart(runs).Render());

        if (runs.Any(run => run.Rounds.Any(r => r.DecryptionError is not null)))
        {
            Figure(html, "Decryption error per round", "Largest absolute difference between the decrypted aggregate and the exact plaintext aggregate (log scale).",
                new LineChart
                {
                    Title = "Decryption error per round",
                    Series = PerRound(runs, r => r.DecryptionError?.MaxAbsolute),
                    YLabel = "max |error|",
                    YScale = AxisScale.Logarithmic,
                    YFormat = ChartFormats.Scientific,
                }.Render());
        }

        var recall = runs.Select(run => (run, last: run.Rounds.LastOrDefault(r => r.PerClassRecall is not null)?.PerClassRecall)).Where(x => x.last is not null).ToArray();
        if (recall.Length > 0)
        {
            var classes = recall.Max(x => x.last!.Count);
            Figure(html, "Per-class recall after the last evaluated round", "A label-flip or backdoor attack shows up as a dip in its source class.",
                new BarChart
                {
                    Title = "Per-class recall",
                    Categories = Enumerable.Range(0, classes).Select(c => c.ToString(CultureInfo.InvariantCulture)).ToArray(),
                    Series = recall.Select(x => new BarSeries(x.run.Label, Enumerable.Range(0, classes).Select(c => c < x.last!.Count ? x.last[c] : 0).ToArray())).ToArray(),
                    Layout = BarLayout.Grouped,
                    XLabel = "class",
                    YLabel = "recall",
                    YFormat = ChartFormats.Percent,
                }.Render());
        }

        html.Close().Line();
    }

    private static BarChart ContributionsChart(IReadOnlyList<RunMetrics> runs)
    {
        var reasons = runs.SelectMany(r => r.Totals.Rejected.Keys).Distinct().Order(StringComparer.Ordinal).ToArray();
        if (runs.Count == 1)
        {
            var rounds = runs[0].Rounds;
            return new BarChart
            {
                Title = "Contributions per round",
                Categories = rounds.Select(r => r.Round.ToString(CultureInfo.InvariantCulture)).ToArray(),
                Series = [new BarSeries("accepted", rounds.Select(r => (double)r.Contributions.Accepted).ToArray()),
                    .. reasons.Select(reason => new BarSeries($"rejected: {reason}", rounds.Select(r => (double)r.Contributions.Rejected.GetValueOrDefault(reason)).ToArray()))],
                XLabel = "round",
                YLabel = "contributions",
            };
        }

        var (axis, labels) = ShortLabels(runs);
        return new BarChart
        {
            Title = "Contributions per variant",
            Categories = labels,
            Series = [new BarSeries("accepted", runs.Select(r => (double)r.Totals.Accepted).ToArray()),
                .. reasons.Select(reason => new BarSeries($"rejected: {reason}", runs.Select(r => (double)r.Totals.Rejected.GetValueOrDefault(reason)).ToArray()))],
            XLabel = axis,
            YLabel = "contributions",
        };
    }

    private static BarChart BytesChart(IReadOnlyList<RunMetrics> runs)
    {
        static long[] Flat(RoleBytes b) => [b.Coordinator.Sent, b.Coordinator.Received, b.KeyManager.Sent, b.KeyManager.Received, b.Clients.Sent, b.Clients.Received];
        if (runs.Count == 1)
        {
            var flat = Flat(runs[0].Totals.Bytes);
            return new BarChart
            {
                Title = "Bytes per role",
                Categories = ["coordinator", "key manager", "clients"],
                Series = [new BarSeries("sent", [flat[0], flat[2], flat[4]]), new BarSeries("received", [flat[1], flat[3], flat[5]])],
                Layout = BarLayout.Grouped,
                XLabel = "role",
                YLabel = "bytes",
                YFormat = ChartFormats.Bytes,
            };
        }

        var (axis, labels) = ShortLabels(runs);
        string[] names = ["coordinator sent", "coordinator received", "key manager sent", "key manager received", "clients sent", "clients received"];
        return new BarChart
        {
            Title = "Bytes per role",
            Categories = labels,
            Series = names.Select((name, k) => new BarSeries(name, runs.Select(r => (double)Flat(r.Totals.Bytes)[k]).ToArray())).ToArray(),
            Layout = BarLayout.Grouped,
            XLabel = axis,
            YLabel = "bytes",
            YFormat = ChartFormats.Bytes,
        };
    }

    /// <summary>Variant labels without the prefix they share (<c>attacks.0.clients=</c>), which becomes the axis title instead.</summary>
    private static (string Axis, string[] Labels) ShortLabels(IReadOnlyList<RunMetrics> runs)
    {
        var labels = runs.Select(r => r.Label).ToArray();
        var prefix = labels.Aggregate((a, b) => a[..Enumerable.Range(0, Math.Min(a.Length, b.Length)).TakeWhile(i => a[i] == b[i]).Count()]);
        var cut = prefix.LastIndexOfAny(['=', ' ', ',']);
        return cut <= 0 || labels.Any(l => l.Length <= cut + 1)
            ? ("variant", labels)
            : (prefix[..cut].TrimEnd('=', ' ', ','), labels.Select(l => l[(cut + 1)..]).ToArray());
    }

    private static BarChart TimeChart(IReadOnlyList<RunMetrics> runs)
    {
        var single = runs.Count == 1;
        var (axis, labels) = ShortLabels(runs);
        var rows = single
            ? runs[0].Rounds.Select(r => (label: r.Round.ToString(CultureInfo.InvariantCulture), phases: r.Time.ToArray())).ToArray()
            : runs.Select((run, i) => (label: labels[i], phases: run.Totals.Time.ToArray().Select(v => v / Math.Max(1, run.Rounds.Count)).ToArray())).ToArray();
        return new BarChart
        {
            Title = "Time per phase",
            Categories = rows.Select(r => r.label).ToArray(),
            Series = PhaseTimes.PhaseNames.Select((name, p) => new BarSeries(name, rows.Select(r => r.phases[p]).ToArray())).ToArray(),
            XLabel = single ? "round" : axis,
            YLabel = single ? "seconds" : "seconds per round",
            YFormat = ChartFormats.Seconds,
        };
    }

    /// <summary>A line chart of a per-round fraction, on a fixed 0–100 % axis so variants and runs compare at a glance.</summary>
    private static MarkupWriter FractionChart(string title, LineSeries[] series, string yLabel) =>
        new LineChart { Title = title, Series = series, YLabel = yLabel, YMin = 0, YMax = 1, YFormat = ChartFormats.Percent }.Render();

    private static LineSeries[] PerRound(IReadOnlyList<RunMetrics> runs, Func<RoundMetrics, double?> value) =>
        runs.Select(run => new LineSeries(run.Label, run.Rounds.Select(r => new ChartPoint(r.Round, value(r))).ToArray())).ToArray();

    /// <summary>
    /// An oracle figure per round, leaving out completed rounds the oracle did not evaluate (metrics.evaluate-every), so the
    /// line joins the evaluated rounds; a failed round stays a gap.
    /// </summary>
    private static LineSeries[] PerEvaluatedRound(IReadOnlyList<RunMetrics> runs, Func<RoundMetrics, double?> value) =>
        runs.Select(run => new LineSeries(
            run.Label,
            run.Rounds.Where(r => r.Status != RoundStatus.Completed || value(r) is not null).Select(r => new ChartPoint(r.Round, value(r))).ToArray())).ToArray();

    private static void Figure(MarkupWriter html, string caption, string explanation, MarkupWriter svg)
    {
        html.Open("figure", ("class", "card"));
        html.Element("figcaption", caption);
        html.Element("p", explanation, ("class", "explain"));
        html.Append(svg);
        html.Close().Line();
    }

    private static void RoundTables(MarkupWriter html, IReadOnlyList<RunMetrics> runs)
    {
        html.Element("h2", "Rounds");
        foreach (var run in runs)
        {
            html.Open("section", ("class", "card scroll"));
            html.Open("details", ("open", runs.Count == 1 ? "open" : null));
            html.Element("summary", $"{run.Label}: {run.Rounds.Count} rounds");
            html.Open("table");
            html.Open("thead").Open("tr");
            string[] headings = ["round", "status", "accuracy", "loss", "backdoor", "accepted", "rejected (by reason)", "undetected replays", "bytes sent", "time", "decryption error"];
            foreach (var h in headings)
            {
                html.Element("th", h, ("class", h is "rejected (by reason)" ? "text" : null));
            }

            html.Close().Close();
            html.Open("tbody");
            foreach (var r in run.Rounds)
            {
                html.Open("tr", ("class", r.Status == RoundStatus.Failed ? "failed" : null));
                html.Element("td", r.Round.ToString(CultureInfo.InvariantCulture));
                html.Open("td").Element("span", r.Status == RoundStatus.Failed ? "failed" : "completed", ("class", r.Status == RoundStatus.Failed ? "badge failed" : "badge completed")).Close();
                html.Element("td", Optional(r.TestAccuracy, ChartFormats.Percent));
                html.Element("td", Optional(r.TestLoss, v => v.ToString("0.000", CultureInfo.InvariantCulture)));
                html.Element("td", Optional(r.BackdoorSuccess, ChartFormats.Percent));
                html.Element("td", $"{r.Contributions.Accepted} / {r.Contributions.Selected}");
                html.Element("td", r.Contributions.Rejected.Count == 0 ? "—" : string.Join(", ", r.Contributions.Rejected.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}")), ("class", "text"));
                html.Element("td", r.UndetectedReplays.ToString(CultureInfo.InvariantCulture));
                html.Element("td", ChartFormats.Bytes(r.Bytes.Coordinator.Sent + r.Bytes.KeyManager.Sent + r.Bytes.Clients.Sent));
                html.Element("td", ChartFormats.Seconds(r.Time.Total));
                html.Element("td", Optional(r.DecryptionError?.MaxAbsolute, ChartFormats.Scientific));
                html.Close();
                if (r.FailureReason is { } reason)
                {
                    html.Open("tr", ("class", "failed reason"));
                    html.Element("td", $"Round {r.Round.ToString(CultureInfo.InvariantCulture)} failed: {reason}", ("class", "text"), ("colspan", headings.Length));
                    html.Close();
                }
            }

            html.Close().Close().Close().Close().Line();
        }
    }

    private static string Optional(double? value, Func<double, string> format) => value is { } v ? format(v) : "—";
}
