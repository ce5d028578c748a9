using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace FedActors.Cluster.Tests;

/// <summary>
/// A `fedactors` command (dotnet on the built fedactors.dll) running as its own process, on this host or inside a test
/// host's network namespace, with its stdout and stderr kept line by line for assertions. Disposing kills it if it still runs.
/// </summary>
public sealed class FedactorsProcess : IDisposable
{
    /// <summary>The environment variable that carries the node key's password (the node configurations name it).</summary>
    public const string PasswordVariable = "FEDACTORS_TEST_KEY_PASSWORD";

    private readonly ConcurrentQueue<string> _lines = new();

    private FedactorsProcess(string name, ProcessStartInfo start)
    {
        Name = name;
        start.Environment[PasswordVariable] = ClusterFixture.Password;
        Process = Process.Start(start)!;
        Process.OutputDataReceived += (_, e) => Add(e.Data);
        Process.ErrorDataReceived += (_, e) => Add(e.Data);
        Process.BeginOutputReadLine();
        Process.BeginErrorReadLine();
    }

    public string Name { get; }

    public Process Process { get; }

    /// <summary>Every line so far, under a header naming the process: what a failed assertion shows.</summary>
    public string Output => $"--- {Name} ---\n" + string.Join("\n", _lines);

    /// <summary>The lines written so far, in order.</summary>
    public IReadOnlyList<string> Lines => [.. _lines];

    /// <summary>Starts `fedactors node --config <paramref name="configFile"/>`, in <paramref name="host"/>'s namespace if given.</summary>
    public static FedactorsProcess StartNode(string name, string configFile, NetnsHost? host = null) =>
        Run(name, host, "node", "--config", configFile);

    /// <summary>Runs `fedactors <paramref name="arguments"/>`, in <paramref name="host"/>'s namespace if given.</summary>
    public static FedactorsProcess Run(string name, NetnsHost? host, params string[] arguments)
    {
        string[] command = [CliFactAttribute.FedactorsDll, .. arguments];
        return new FedactorsProcess(name, host?.Command("dotnet", command) ?? Local(command, null));
    }

    /// <summary>Runs `fedactors <paramref name="arguments"/>` on this host with <paramref name="directory"/> as its working directory.</summary>
    public static FedactorsProcess RunIn(string directory, string name, params string[] arguments) =>
        new(name, Local([CliFactAttribute.FedactorsDll, .. arguments], directory));

    /// <summary>A TCP port on 127.0.0.1 that is free now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public bool Contains(string text) => _lines.Any(l => l.Contains(text, StringComparison.Ordinal));

    /// <summary>True when one line contains every fragment.</summary>
    public bool ContainsLine(params string[] fragments) => _lines.Any(l => fragments.All(f => l.Contains(f, StringComparison.Ordinal)));

    /// <summary>Waits until a line contains <paramref name="text"/>, for <see cref="Eventually.Timeout"/> unless <paramref name="timeout"/> says otherwise.</summary>
    public Task WaitForAsync(string text, TimeSpan? timeout = null) => Eventually.True(() => Contains(text), () => Output, timeout);

    /// <summary>Waits until one line contains every fragment.</summary>
    public Task WaitForLineAsync(params string[] fragments) => Eventually.True(() => ContainsLine(fragments), () => Output);

    /// <summary>Waits for the process to exit and returns its exit code.</summary>
    public async Task<int> ExitCodeAsync(TimeSpan timeout)
    {
        try
        {
            await Process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"{Name} did not exit within {timeout.TotalSeconds} s\n{Output}");
        }
        return Process.ExitCode;
    }

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

    private static ProcessStartInfo Local(string[] arguments, string? directory)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (directory is not null)
        {
            start.WorkingDirectory = directory;
        }
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
