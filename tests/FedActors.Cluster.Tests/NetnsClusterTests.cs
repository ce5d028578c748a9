using System.Net;
using FedActors.Crypto.Identity;

namespace FedActors.Cluster.Tests;

/// <summary>
/// `fedactors node` processes on separate hosts (network namespaces joined by a bridge, <see cref="NetnsCluster"/>):
/// the federation forms across them, an unrostered node is refused at the TLS handshake, a host whose cable is
/// pulled is found unreachable and either becomes reachable again when plugged back in or is downed, and hostile
/// bytes sent across the bridge close only their own connection.
/// </summary>
[Collection(NetnsCollection.Name)]
public sealed class NetnsClusterTests(NetnsCluster cluster)
{
    [NetnsFact]
    public async Task A_coordinator_a_key_manager_and_two_clients_on_four_hosts_reach_Up_and_see_each_other()
    {
        for (var k = 1; k <= 4; k++)
        {
            await cluster.Nodes[k - 1].WaitForAsync($"is Up at {cluster.AddressOf(k)}");
        }
        foreach (var node in cluster.Nodes)
        {
            await node.WaitForLineAsync("Membership: 4 members, 4 Up, leader " + cluster.AddressOf(1),
                $"{cluster.Host(1).Address}:{NetnsCluster.Port} coordinator Up",
                $"{cluster.Host(2).Address}:{NetnsCluster.Port} key-manager Up",
                $"{cluster.Host(3).Address}:{NetnsCluster.Port} client Up",
                $"{cluster.Host(4).Address}:{NetnsCluster.Port} client Up");
        }
        Assert.True(cluster.Client1.Contains("data: mnist partition 0"), cluster.Client1.Output);
    }

    [NetnsFact]
    public async Task A_node_not_on_the_roster_is_refused_at_the_handshake_and_the_refusal_names_its_fingerprint()
    {
        var identities = cluster.Identities;
        var fingerprint = identities.FingerprintOf("intruder");
        // The intruder's own configuration may claim anything: it lists itself on the roster it loads.
        var forgedRoster = Path.Combine(identities.Directory, "intruder-roster.json");
        identities.Roster.Add(new RosterEntry("intruder", NodeRole.Client, fingerprint)).Save(forgedRoster);

        using var intruder = cluster.StartNode("intruder", NodeRole.Client, 6, "data { set = mnist, partition-index = 3 }", forgedRoster);

        await Eventually.True(() => cluster.Coordinator.ContainsLine("Refused TLS client CN=intruder", $"fingerprint {fingerprint}: not on the roster"),
            () => intruder.Output + "\n" + cluster.Coordinator.Output, NetnsCluster.Startup);
        await intruder.WaitForLineAsync($"Association to {cluster.AddressOf(1)} closed");
        Assert.False(intruder.Contains("is Up at"), intruder.Output);
        Assert.False(cluster.Coordinator.ContainsLine("Cluster: Member(", cluster.Host(6).Address + ":"), cluster.Coordinator.Output);
    }

    [NetnsFact]
    public async Task A_partitioned_client_is_unreachable_and_reachable_again_when_the_partition_heals_before_downing()
    {
        var client = $"{cluster.AddressOf(4)}#";
        var coordinator = $"{cluster.AddressOf(1)}#";

        cluster.Hosts.Disconnect(cluster.Host(4));
        try
        {
            await cluster.Coordinator.WaitForLineAsync($"Cluster: {client}", "is unreachable");
            await cluster.Client2.WaitForLineAsync($"Cluster: {coordinator}", "is unreachable");
        }
        finally
        {
            cluster.Hosts.Reconnect(cluster.Host(4));
        }

        await cluster.Coordinator.WaitForLineAsync($"Cluster: {client}", "is reachable again");
        await cluster.Client2.WaitForLineAsync($"Cluster: {coordinator}", "is reachable again");
        await cluster.KeyManager.WaitForLineAsync($"Cluster: {client}", "is reachable again");
        Assert.False(cluster.Coordinator.ContainsLine("downing", client), cluster.Coordinator.Output);
        Assert.False(cluster.Client2.Process.HasExited, cluster.Client2.Output);
    }

    [NetnsFact]
    public async Task A_client_partitioned_beyond_down_unreachable_after_is_downed_and_removed_everywhere()
    {
        using var client = cluster.StartNode("client-3", NodeRole.Client, 5, "data { set = mnist, partition-index = 2 }");
        await client.WaitForAsync($"is Up at {cluster.AddressOf(5)}", NetnsCluster.Startup);
        var address = $"{cluster.AddressOf(5)}#";

        cluster.Hosts.Disconnect(cluster.Host(5));
        try
        {
            await cluster.Coordinator.WaitForLineAsync($"Cluster: {address}", "is unreachable");
            await cluster.Coordinator.WaitForLineAsync($"Cluster: downing {address}", "fedactors.cluster.down-unreachable-after");
            await cluster.Coordinator.WaitForLineAsync($"Cluster: Member({address}", "Removed");
            await cluster.Client1.WaitForLineAsync($"Cluster: Member({address}", "Removed");
        }
        finally
        {
            cluster.Hosts.Reconnect(cluster.Host(5));
        }
        Assert.False(cluster.Coordinator.ContainsLine("downing", $"{cluster.AddressOf(3)}#"), cluster.Coordinator.Output);
    }

    [NetnsFact]
    public async Task Random_bytes_and_malformed_frames_from_another_host_close_only_their_connection()
    {
        var target = cluster.EndpointOf(1);
        var from = $"fedactors://fuzz@{cluster.Hosts.BridgeAddress}:1";
        var insider = cluster.Identities.Identity("client-4").NodeCertificate;
        var handshake = HostilePeer.HandshakeFrame(from, cluster.AddressOf(1));
        var random = new Random(9);

        for (var i = 0; i < 3; i++)
        {
            var bytes = new byte[random.Next(1, 4096)];
            random.NextBytes(bytes);
            await HostilePeer.SendRawAsync(target, bytes);
        }
        await HostilePeer.SendOverTlsAsync(target, insider, [.. handshake, 0, 0, 0, 5, 0xff, 0xff, 0xff, 0xff, 0xff]);
        await HostilePeer.SendOverTlsAsync(target, insider, [.. handshake, 0x7f, 0xff, 0xff, 0xff, 1, 2, 3]);

        var bridge = $"Closed connection from {cluster.Hosts.BridgeAddress}:";
        await cluster.Coordinator.WaitForLineAsync(bridge, "TLS handshake failed");
        await cluster.Coordinator.WaitForLineAsync(bridge, "maximum-frame-size");
        var frameErrors = cluster.Coordinator.Lines.Where(l => l.Contains(bridge, StringComparison.Ordinal) && !l.Contains("TLS handshake failed", StringComparison.Ordinal));
        Assert.True(frameErrors.Count() == 2, cluster.Coordinator.Output);
        Assert.Equal(cluster.AddressOf(1), await HostilePeer.HandshakeAsync(target, insider, from, cluster.AddressOf(1)));
        Assert.False(cluster.Coordinator.Process.HasExited, cluster.Coordinator.Output);
        foreach (var node in new[] { cluster.KeyManager, cluster.Client1 })
        {
            Assert.False(node.ContainsLine($"Cluster: {cluster.AddressOf(1)}#", "is unreachable"), node.Output);
        }
    }
}
