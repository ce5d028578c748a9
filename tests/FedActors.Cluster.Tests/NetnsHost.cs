using System.Diagnostics;
using System.Net;

namespace FedActors.Cluster.Tests;

/// <summary>
/// One test host: a network namespace (<see cref="Namespace"/>) whose <c>eth0</c> has <see cref="Address"/>/24 and is
/// the far end of the veth <see cref="Link"/>, which is plugged into the hosts' bridge in the root namespace.
/// </summary>
public sealed record NetnsHost(string Namespace, string Link, IPAddress Address)
{
    /// <summary>A start description for <paramref name="fileName"/> run inside this host's namespace (<c>ip netns exec</c>).</summary>
    public ProcessStartInfo Command(string fileName, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["netns", "exec", Namespace, fileName, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }
        return start;
    }
}
