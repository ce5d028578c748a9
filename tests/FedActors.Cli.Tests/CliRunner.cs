using System.Diagnostics;

namespace FedActors.Cli.Tests;

/// <summary>Runs the built <c>fedactors</c> command in a child process and captures what it prints.</summary>
public static class CliRunner
{
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError);

    public static Result Run(params string[] args) => RunIn(Directory.GetCurrentDirectory(), args);

    public static Result RunIn(string workingDirectory, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "fedactors.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"fedactors {string.Join(' ', args)} did not finish within 2 minutes");
        }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}
