using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;

namespace FedActors.Cluster.Tests;

/// <summary>
/// N test hosts in network namespaces <c>fa-TOKEN-h1..hN</c> (TOKEN random per run) on one /24 in 10.213.0.0/16: each
/// host's <c>eth0</c> is a veth whose other end (named like the namespace) is plugged into the bridge
/// <c>fa-TOKEN-br</c> in the root namespace, which has address .254 so that the test process reaches every host.
/// Unplugging a host's veth (<see cref="Disconnect"/>) partitions it from all others, as a pulled cable does.
/// <para>
/// Everything is removed on <see cref="Dispose"/> (also at process exit). A run that was killed leaves its
/// namespaces, links and processes behind: each run records its process id in <c>/run/fedactors-netns/TOKEN</c>, and
/// <see cref="Create"/> first removes every <c>fa-</c> namespace and link whose run is no longer alive.
/// </para>
/// </summary>
public sealed class NetnsHosts : IDisposable
{
    private const string Prefix = "fa-";
    private const string MarkerDirectory = "/run/fedactors-netns";
    private const string RetransmissionCap = "/proc/sys/net/ipv4/tcp_rto_max_ms";
    private static readonly Lazy<string?> _unavailable = new(Probe);
    private readonly string _token;
    private readonly string _subnet;
    private readonly List<NetnsHost> _hosts = [];
    private int _disposed;

    private NetnsHosts(string token, string subnet)
    {
        _token = token;
        _subnet = subnet;
    }

    /// <summary>
    /// Why namespaces cannot be created here (not root, no CAP_SYS_ADMIN or CAP_NET_ADMIN, no iproute2), or null when they can; probed
    /// once per process by adding and deleting a namespace.
    /// </summary>
    public static string? Unavailable => _unavailable.Value;

    /// <summary>The hosts, h1 first.</summary>
    public IReadOnlyList<NetnsHost> Hosts => _hosts;

    /// <summary>The bridge's address in the root namespace: where connections from the test process come from.</summary>
    public IPAddress BridgeAddress => IPAddress.Parse(_subnet + "254");

    private string Bridge => $"{Prefix}{_token}-br";

    private string MarkerFile => Path.Combine(MarkerDirectory, _token);

    /// <summary>Creates <paramref name="count"/> connected hosts after removing those of dead earlier runs.</summary>
    /// <exception cref="InvalidOperationException">Namespaces cannot be created here; the message says why.</exception>
    public static NetnsHosts Create(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 200);
        if (Unavailable is { } reason)
        {
            throw new InvalidOperationException($"The multi-host tests cannot create network namespaces: {reason}");
        }
        RemoveStale();
        var hosts = new NetnsHosts(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3)), FreeSubnet());
        AppDomain.CurrentDomain.ProcessExit += hosts.OnProcessExit;
        try
        {
            hosts.Build(count);
        }
        catch
        {
            hosts.Dispose();
            throw;
        }
        return hosts;
    }

    /// <summary>Unplugs <paramref name="host"/>'s veth from the bridge side: no packet reaches or leaves it.</summary>
    public void Disconnect(NetnsHost host) => Ip("link", "set", host.Link, "down");

    /// <summary>Plugs <paramref name="host"/>'s veth back in.</summary>
    public void Reconnect(NetnsHost host) => Ip("link", "set", host.Link, "up");

    /// <summary>Kills the processes left in the hosts' namespaces and removes the namespaces, veths and bridge.</summary>
    /// <exception cref="AggregateException">Some of it could not be removed (each failure inside).</exception>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        List<Exception> failures = [];
        foreach (var host in _hosts)
        {
            Try(failures, () => RemoveNamespace(host.Namespace));
        }
        // The veths went with their namespaces; the bridge is the only link left in the root namespace.
        Try(failures, () => RemoveLinkIfPresent(Bridge));
        Try(failures, () => File.Delete(MarkerFile));
        if (failures.Count > 0)
        {
            throw new AggregateException($"Cleaning up the test hosts {Prefix}{_token}-* left something behind", failures);
        }
    }

    private void OnProcessExit(object? sender, EventArgs e) => Dispose();

    private void Build(int count)
    {
        Directory.CreateDirectory(MarkerDirectory);
        File.WriteAllText(MarkerFile, Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Ip("link", "add", Bridge, "type", "bridge");
        Ip("addr", "add", $"{BridgeAddress}/24", "dev", Bridge);
        Ip("link", "set", Bridge, "up");
        for (var k = 1; k <= count; k++)
        {
            var host = new NetnsHost($"{Prefix}{_token}-h{k}", $"{Prefix}{_token}-h{k}", IPAddress.Parse(_subnet + k.ToString(CultureInfo.InvariantCulture)));
            Ip("netns", "add", host.Namespace);
            _hosts.Add(host);
            Ip("link", "add", host.Link, "type", "veth", "peer", "name", "eth0", "netns", host.Namespace);
            Ip("link", "set", host.Link, "master", Bridge, "up");
            Ip("-n", host.Namespace, "addr", "add", $"{host.Address}/24", "dev", "eth0");
            Ip("-n", host.Namespace, "link", "set", "eth0", "up");
            Ip("-n", host.Namespace, "link", "set", "lo", "up");
            if (File.Exists(RetransmissionCap))
            {
                // TCP doubles its retransmission timeout while a peer is silent (up to 120 s by default), so a healed
                // partition would be noticed only at the next retransmission, seconds later; 1 s keeps heals prompt.
                Run(host.Command("sh", ["-c", $"echo 1000 > {RetransmissionCap}"]));
            }
        }
    }

    private static string FreeSubnet()
    {
        var routes = Ip("-4", "route", "show");
        var start = RandomNumberGenerator.GetInt32(256);
        for (var i = 0; i < 256; i++)
        {
            var subnet = $"10.213.{(start + i) % 256}.";
            if (!routes.Contains(subnet, StringComparison.Ordinal))
            {
                return subnet;
            }
        }
        throw new InvalidOperationException("Every 10.213.x.0/24 subnet is routed already; remove stale test bridges (ip link show type bridge)");
    }

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "network namespaces exist only on Linux";
        }
        var name = $"{Prefix}probe{Environment.ProcessId}";
        try
        {
            Ip("netns", "add", name);
            Ip("netns", "del", name);
            return null;
        }
        catch (Win32Exception e)
        {
            return $"iproute2's `ip` command cannot be run ({e.Message}); install iproute2";
        }
        catch (InvalidOperationException e)
        {
            return $"{e.Message} (the multi-host tests need root: CAP_SYS_ADMIN and CAP_NET_ADMIN)";
        }
    }

    // A run is alive while the process that wrote its marker is; a missing marker means its run is gone.
    private static void RemoveStale()
    {
        var namespaces = Ip("netns", "list").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' ')[0]);
        var links = Ip("-o", "link", "show").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(':', 3)[1].Trim().Split('@')[0]);
        foreach (var name in namespaces.Where(IsStale))
        {
            RemoveNamespace(name);
        }
        foreach (var name in links.Where(IsStale))
        {
            RemoveLinkIfPresent(name);
        }
    }

    private static bool IsStale(string name)
    {
        if (!name.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }
        var token = name[Prefix.Length..].Split('-')[0];
        var marker = Path.Combine(MarkerDirectory, token);
        if (!File.Exists(marker))
        {
            return true;
        }
        var owner = File.ReadAllText(marker).Trim();
        if (owner == Environment.ProcessId.ToString(CultureInfo.InvariantCulture) || Directory.Exists($"/proc/{owner}"))
        {
            return false;
        }
        File.Delete(marker);
        return true;
    }

    private static void RemoveNamespace(string name)
    {
        foreach (var pid in Ip("netns", "pids", name).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            try
            {
                using var process = Process.GetProcessById(int.Parse(pid, CultureInfo.InvariantCulture));
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
            catch (ArgumentException)
            {
                // It exited between the listing and the kill.
            }
        }
        Ip("netns", "del", name);
    }

    private static void RemoveLinkIfPresent(string name)
    {
        if (Directory.Exists($"/sys/class/net/{name}"))
        {
            Ip("link", "del", name);
        }
    }

    private static void Try(List<Exception> failures, Action step)
    {
        try
        {
            step();
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or Win32Exception or UnauthorizedAccessException)
        {
            failures.Add(e);
        }
    }

    private static string Ip(params string[] arguments)
    {
        var start = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        return Run(start);
    }

    private static string Run(ProcessStartInfo start)
    {
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(30_000))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"`{start.FileName} {string.Join(' ', start.ArgumentList)}` did not finish within 30 s");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"`{start.FileName} {string.Join(' ', start.ArgumentList)}` failed with exit code {process.ExitCode}: {error.Trim()}");
        }
        return output.Result;
    }
}
