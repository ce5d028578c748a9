using FedActors.Federation.Reporting;
using FedActors.Federation.Tests.Metrics;
using Spectre.Console;

namespace FedActors.Federation.Tests.Reporting;

public sealed class ConsoleSummaryTests
{
    private static string Render(params FedActors.Federation.Metrics.RunMetrics[] runs)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 200;
        ConsoleSummary.Write(console, runs);
        return writer.ToString();
    }

    [Fact]
    public void The_summary_shows_the_run_outcome_rejections_by_reason_and_undetected_replays()
    {
        var metrics = SampleMetrics.Create();
        var text = Render(metrics);

        Assert.Contains("Run summary: mnist-cnn-label-flip", text, StringComparison.Ordinal);
        Assert.Contains(ChartFormats.Percent(metrics.Totals.FinalAccuracy!.Value), text, StringComparison.Ordinal);
        Assert.Contains("rejected: duplicate", text, StringComparison.Ordinal);
        Assert.Contains("rejected: stale-round", text, StringComparison.Ordinal);
        Assert.Contains("undetected replays", text, StringComparison.Ordinal);
        Assert.Contains("11 / 1", text, StringComparison.Ordinal);
        Assert.Contains("note: rerandomized-copy replays pass the protocol", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_curious_coordinator_run_shows_how_many_isolation_attempts_were_refused()
    {
        var metrics = SampleMetrics.Create();
        var attacked = metrics with
        {
            Rounds = [.. metrics.Rounds.Select(r => r with { IsolationAttempts = 2, IsolationSucceeded = 0, IsolationShares = 0, IsolationRefusals = new Dictionary<string, int> { ["too-few-signatures"] = 6 } })],
        };

        Assert.DoesNotContain("isolation attempts refused", Render(metrics), StringComparison.Ordinal);
        Assert.Contains($"{2 * metrics.Rounds.Count} of {2 * metrics.Rounds.Count}", Render(attacked), StringComparison.Ordinal);
        Assert.Contains("isolation attempts refused", Render(attacked), StringComparison.Ordinal);
    }

    [Fact]
    public void A_sweep_gets_one_column_per_variant()
    {
        var text = Render(
            SampleMetrics.Create(variant: "clients=0%"),
            SampleMetrics.Create(variant: "clients=20%", attackStrength: 0.4));

        Assert.Contains("Sweep summary: 2 variants", text, StringComparison.Ordinal);
        var header = text.Split('\n').First(l => l.Contains("clients=0%", StringComparison.Ordinal));
        Assert.Contains("clients=20%", header, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_that_look_like_markup_are_printed_literally()
    {
        var text = Render(SampleMetrics.Create(scenario: "[red]x[/] [bold"));
        Assert.Contains("[red]x[/] [bold", text, StringComparison.Ordinal);
    }
}
