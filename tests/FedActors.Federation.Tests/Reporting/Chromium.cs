using System.Diagnostics;

namespace FedActors.Federation.Tests.Reporting;

/// <summary>
/// Drives Debian's headless Chromium to load a page and screenshot it, collecting console
/// messages from its stderr log. Measured with Chromium 156: every console message (log, warn,
/// error, uncaught exception) is logged as <c>INFO:CONSOLE</c> with the text in quotes, so any
/// <c>:CONSOLE</c> line (or "Uncaught") counts; the dbus errors of a container are noise.
/// </summary>
internal static class Chromium
{
    public const string MissingInCi =
        "chromium is not installed but CI=true: the lead must install `chromium` in tests/run-all.sh " +
        "(add it to the apt-get package list there), so that the report test can open report.html in headless Chromium.";

    public const string MissingLocally =
        "chromium is not installed: `apt-get install -y chromium` to run the headless report test (skipped outside CI).";

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable("FEDACTORS_CHROMIUM");
        if (!string.IsNullOrEmpty(configured) && File.Exists(configured))
        {
            return configured;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => new[] { "chromium", "chromium-browser", "google-chrome", "google-chrome-stable" }.Select(name => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);
    }

    public sealed record Result(int ExitCode, IReadOnlyList<string> ConsoleLines, string Stderr);

    public static Result Screenshot(string executable, string page, string png)
    {
        var profile = Directory.CreateTempSubdirectory("fedactors-chromium-");
        try
        {
            var start = new ProcessStartInfo(executable)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                $"--user-data-dir={profile.FullName}", $"--screenshot={png}", "--window-size=1280,2000",
                "--hide-scrollbars", "--enable-logging=stderr", "--v=0", new Uri(page).AbsoluteUri,
            })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"headless chromium did not finish rendering {page} within 120 s.");
            }

            process.WaitForExit();
            var log = stderr.Result + stdout.Result;
            var console = log.Split('\n')
                .Where(line => line.Contains(":CONSOLE", StringComparison.Ordinal) || line.Contains("Uncaught", StringComparison.Ordinal))
                .ToArray();
            return new Result(process.ExitCode, console, log);
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
