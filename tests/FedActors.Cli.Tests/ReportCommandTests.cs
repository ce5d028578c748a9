using FedActors.Federation.Metrics;
using Xunit;

namespace FedActors.Cli.Tests;

public sealed class ReportCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fedactors-report-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Report_regenerates_report_html_from_metrics_json()
    {
        MetricsFile.Write(new RunMetrics
        {
            Run = new RunInfo
            {
                Scenario = "report-cli",
                Seed = 7,
                Mode = "plaintext",
                Aggregation = "mean",
                Clients = 4,
                ClientsPerRound = 4,
                RoundsPlanned = 0,
                StartedAt = new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero),
                DurationSeconds = 1.5,
            },
            Rounds = [],
        }, Path.Combine(_directory, MetricsFile.FileName));

        var result = CliRunner.Run("report", _directory);

        Assert.Equal(0, result.ExitCode);
        var report = Path.Combine(_directory, "report.html");
        Assert.Equal(report, result.StandardOutput.Trim());
        Assert.Contains("report-cli", File.ReadAllText(report));
    }

    [Fact]
    public void Report_on_a_directory_without_metrics_names_it_and_exits_non_zero()
    {
        var result = CliRunner.Run("report", _directory);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(_directory, result.StandardError);
        Assert.Contains("metrics.json", result.StandardError);
        Assert.DoesNotContain("   at ", result.StandardError);
    }

    [Fact]
    public void Report_on_malformed_metrics_names_the_file_and_exits_non_zero()
    {
        File.WriteAllText(Path.Combine(_directory, MetricsFile.FileName), "{ \"run\": 42 }");

        var result = CliRunner.Run("report", _directory);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("metrics.json", result.StandardError);
        Assert.DoesNotContain("   at ", result.StandardError);
    }
}
