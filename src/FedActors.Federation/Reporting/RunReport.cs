using FedActors.Federation.Metrics;

namespace FedActors.Federation.Reporting;

/// <summary>
/// Regenerates <c>report.html</c> of a run directory from its <c>metrics.json</c> (what
/// <c>fedactors report RUN</c> does). A sweep's directory holds one sub-directory per variant,
/// each with its own <c>metrics.json</c>; their report compares them side by side.
/// </summary>
public static class RunReport
{
    /// <summary>Reads the metrics of <paramref name="runDirectory"/> and writes its <c>report.html</c>.</summary>
    /// <param name="runDirectory">A run directory (with <c>metrics.json</c>) or a sweep directory (with variant sub-directories).</param>
    /// <returns>The path of the report written.</returns>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="FileNotFoundException">Neither the directory nor any sub-directory has a <c>metrics.json</c>.</exception>
    /// <exception cref="MetricsFormatException">A metrics file is malformed (the message names it and the field).</exception>
    public static string Regenerate(string runDirectory)
    {
        if (!Directory.Exists(runDirectory))
        {
            throw new DirectoryNotFoundException($"Run directory '{runDirectory}' does not exist; pass the output.dir of a finished run.");
        }

        var single = Path.Combine(runDirectory, MetricsFile.FileName);
        var files = File.Exists(single)
            ? [single]
            : Directory.GetDirectories(runDirectory)
                .Select(d => Path.Combine(d, MetricsFile.FileName))
                .Where(File.Exists)
                .Order(StringComparer.Ordinal)
                .ToArray();
        if (files.Length == 0)
        {
            throw new FileNotFoundException(
                $"'{runDirectory}' has no {MetricsFile.FileName}, nor any variant sub-directory with one; is it the output.dir of a run that finished at least one round?",
                single);
        }

        var runs = files.Select(MetricsFile.Read).ToArray();
        var report = Path.Combine(runDirectory, HtmlReport.FileName);
        HtmlReport.Write(runs, report);
        return report;
    }
}
