using System.Collections.Concurrent;
using System.Diagnostics;

namespace FedActors.Cluster.Tests;

/// <summary>
/// A `fedactors node --config FILE` process (dotnet on the built fedactors.dll), on this host or inside a test host's
/// network namespace, with its stdout and stderr kept line by line for assertions. Disposing kills it if it still runs.
/// </summary>
public sealed class NodeProcess : IDisposable
{
    /// <summary>The environment variable that carries the node key's password (the configurations name it).</summary>
    public const string PasswordVariable = "FEDACTORS_TEST_KEY_PASSWORD";

    private readonly ConcurrentQueue<string> _lines = new();

    private NodeProcess(string identity, Process process)
    {
        Identity = identity;
        Process = process;
        process.OutputDataReceived += (_, e) => Add(e.Data);
        process.ErrorDataReceived += (_, e) => Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Identity { get; }

    public Process Process { get; }

    /// <summary>Every line so far, under a header naming the node: what a failed assertion shows.</summary>
    public string Output => $"--- {Identity} ---\n" + string.Join("\n", _lines);

    /// <summary>The lines written so far, in order.</summary>
    public IReadOnlyList<string> Lines => [.. _lines];

    /// <summary>Starts node <paramref name="identity"/> with <paramref name="configFile"/>, in <paramref name="host"/>'s namespace if given.</summary>
    public static NodeProcess Start(string identity, string configFile, NetnsHost? host = null) =>
        Run(identity, host, "node", "--config", configFile);

    /// <summary>Runs `fedactors <paramref name="arguments"/>` as <paramref name="identity"/>, in <paramref name="host"/>'s namespace if given.</summary>
    public static NodeProcess Run(string identity, NetnsHost? host, params string[] arguments)
    {
        string[] command = [CliFactAttribute.FedactorsDll, .. arguments];
        var start = host?.Command("dotnet", command) ?? Local(command);
        start.Environment[PasswordVariable] = ClusterFixture.Password;
        return new NodeProcess(identity, Process.Start(start)!);
    }

    public bool Contains(string text) => _lines.Any(l => l.Contains(text, StringComparison.Ordinal));

    /// <summary>True when one line contains every fragment.</summary>
    public bool ContainsLine(params string[] fragments) => _lines.Any(l => fragments.All(f => l.Contains(f, StringComparison.Ordinal)));

    /// <summary>Waits until a line contains <paramref name="text"/>, for <see cref="Eventually.Timeout"/> unless <paramref name="timeout"/> says otherwise.</summary>
    public Task WaitForAsync(string text, TimeSpan? timeout = null) => Eventually.True(() => Contains(text), () => Output, timeout);

    /// <summary>Waits until one line contains every fragment.</summary>
    public Task WaitForLineAsync(params string[] fragments) => Eventually.True(() => ContainsLine(fragments), () => Output);

    /// <summary>Kills the process and its children if it still runs.</summary>
    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            Process.WaitForExit(5000);
        }
        Process.Dispose();
    }

    private static ProcessStartInfo Local(string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        return start;
    }

    private void Add(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
        }
    }
}
