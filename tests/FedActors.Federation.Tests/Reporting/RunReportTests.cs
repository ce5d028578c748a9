using FedActors.Federation.Metrics;
using FedActors.Federation.Reporting;
using FedActors.Federation.Tests.Metrics;

namespace FedActors.Federation.Tests.Reporting;

public sealed class RunReportTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("fedactors-run-report-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public void A_run_directory_gets_its_report_regenerated_from_metrics_json()
    {
        MetricsFile.Write(SampleMetrics.Create(scenario: "regenerated-run"), Path.Combine(_root.FullName, MetricsFile.FileName));

        var report = RunReport.Regenerate(_root.FullName);

        Assert.Equal(Path.Combine(_root.FullName, HtmlReport.FileName), report);
        Assert.Contains("regenerated-run", File.ReadAllText(report), StringComparison.Ordinal);
    }

    [Fact]
    public void A_sweep_directory_gets_one_report_comparing_its_variants()
    {
        foreach (var variant in new[] { "clients=0%", "clients=10%" })
        {
            MetricsFile.Write(SampleMetrics.Create(variant: variant), Path.Combine(_root.FullName, variant, MetricsFile.FileName));
        }

        var html = File.ReadAllText(RunReport.Regenerate(_root.FullName));

        Assert.Contains("2 variants", html, StringComparison.Ordinal);
        Assert.Contains("clients=10%", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_without_metrics_is_refused_with_an_explanation()
    {
        var error = Assert.Throws<FileNotFoundException>(() => RunReport.Regenerate(_root.FullName));
        Assert.Contains("metrics.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_metrics_file_is_named_in_the_error()
    {
        var path = Path.Combine(_root.FullName, MetricsFile.FileName);
        File.WriteAllText(path, "{ \"schema_version\": 1, \"run\": 3 }");

        var error = Assert.Throws<MetricsFormatException>(() => RunReport.Regenerate(_root.FullName));
        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
    }
}
