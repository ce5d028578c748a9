using System.ComponentModel;
using System.Diagnostics;

namespace FedActors.Learning.Data;

/// <summary>Runs programs with <see cref="Process"/>, with a time limit, capturing their error output for messages.</summary>
public sealed class ProcessCommandRunner : ICommandRunner
{
    private readonly TimeSpan _timeout;

    /// <summary>Creates a runner that kills a program still running after <paramref name="timeout"/> (default 10 minutes).</summary>
    public ProcessCommandRunner(TimeSpan? timeout = null)
    {
        _timeout = timeout ?? TimeSpan.FromMinutes(10);
    }

    /// <inheritdoc />
    public void Run(string program, IReadOnlyList<string> arguments, string workingDirectory, string installCommand)
    {
        var commandLine = $"{program} {string.Join(' ', arguments)}";
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new DataSourceException($"`{commandLine}` could not be started.", installCommand);
        }
        catch (Win32Exception ex)
        {
            throw new DataSourceException($"`{program}` is not installed or not on PATH ({ex.Message}).", installCommand, ex);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(_timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new DataSourceException($"`{commandLine}` did not finish within {_timeout.TotalMinutes:0} minutes.", installCommand);
            }
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                var error = stderr.Result.Trim();
                if (error.Length > 2000)
                {
                    error = error[^2000..];
                }
                _ = stdout.Result;
                throw new DataSourceException($"`{commandLine}` failed with exit code {process.ExitCode}: {error}", installCommand);
            }
        }
    }
}
