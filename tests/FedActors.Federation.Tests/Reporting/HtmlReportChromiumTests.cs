using FedActors.Federation.Reporting;
using FedActors.Federation.Tests.Metrics;

namespace FedActors.Federation.Tests.Reporting;

public sealed class HtmlReportChromiumTests
{
    // Kept beside the test binaries so a developer can open the page and the screenshot.
    private static readonly string Artifacts = Path.Combine(AppContext.BaseDirectory, "report-artifacts");

    private static string RequireChromium() => Chromium.Find() ?? throw new InvalidOperationException(Chromium.MissingInCi);

    [ChromiumFact]
    public async Task A_run_report_and_a_sweep_report_render_in_headless_Chromium_without_console_errors()
    {
        var chromium = RequireChromium();
        Directory.CreateDirectory(Artifacts);
        var single = Path.Combine(Artifacts, HtmlReport.FileName);
        HtmlReport.Write([SampleMetrics.Create(rounds: 30)], single);
        var sweep = Path.Combine(Artifacts, "sweep-report.html");
        HtmlReport.Write(
            new[] { 0.0, 0.1, 0.2, 0.3 }
                .Select((s, i) => SampleMetrics.Create(rounds: 20, variant: $"attacks.0.clients={s * 100:0}%", seed: 7 + i, attackStrength: s * 2))
                .ToArray(),
            sweep);

        // Chromium mostly waits (start-up, dbus time-outs), so the two pages render concurrently.
        var pages = new[] { single, sweep };
        var results = await Task.WhenAll(pages.Select(page => Task.Run(() =>
        {
            var png = Path.ChangeExtension(page, ".png");
            File.Delete(png);
            return (png, result: Chromium.Screenshot(chromium, page, png));
        })));

        foreach (var (png, result) in results)
        {
            Assert.True(result.ExitCode == 0, $"chromium exited with {result.ExitCode} for {png}:\n{result.Stderr}");
            Assert.True(result.ConsoleLines.Count == 0, $"console messages for {png}:\n" + string.Join('\n', result.ConsoleLines));
            var bytes = File.ReadAllBytes(png);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
            Assert.True(bytes.Length > 50_000, $"{png} is only {bytes.Length} bytes: the page rendered blank");
        }
    }
}
