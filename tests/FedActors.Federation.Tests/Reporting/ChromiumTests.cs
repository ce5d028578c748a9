namespace FedActors.Federation.Tests.Reporting;

public sealed class ChromiumTests
{
    private static readonly string Artifacts = Path.Combine(AppContext.BaseDirectory, "report-artifacts");

    [ChromiumFact]
    public void The_console_check_catches_a_script_error()
    {
        // Guards the detector itself: if Chromium changed its log format, the report tests would pass vacuously.
        var chromium = Chromium.Find() ?? throw new InvalidOperationException(Chromium.MissingInCi);
        Directory.CreateDirectory(Artifacts);
        var page = Path.Combine(Artifacts, "broken.html");
        File.WriteAllText(page, "<!DOCTYPE html><html><body><p>x</p><script>notDefined();</script></body></html>");

        var result = Chromium.Screenshot(chromium, page, Path.Combine(Artifacts, "broken.png"));

        Assert.Contains(result.ConsoleLines, line => line.Contains("notDefined", StringComparison.Ordinal));
    }
}
