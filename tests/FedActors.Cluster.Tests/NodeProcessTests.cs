using System.Diagnostics;
using FedActors.Crypto.Identity;

namespace FedActors.Cluster.Tests;

/// <summary>
/// Runs `fedactors node` as separate processes (dotnet on the built fedactors.dll) on 127.0.0.1 with certificates
/// from the test CA: a coordinator, a key-manager and a client reach Up, the client leaves on SIGTERM, the killed
/// key-manager is downed by the coordinator; a bad configuration or a refused role exits with 1 and a one-line reason.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class NodeProcessTests(ClusterFixture fixture)
{
    [CliFact]
    public async Task Coordinator_key_manager_and_client_processes_reach_Up_a_client_leaves_on_SIGTERM_and_a_killed_node_is_downed()
    {
        var port = FedactorsProcess.FreePort();
        var seed = $"fedactors://fed@127.0.0.1:{port}";
        var processes = new List<FedactorsProcess>();
        try
        {
            var coordinator = Start("coordinator", NodeRole.Coordinator, seed, port);
            processes.Add(coordinator);
            var keyManager = Start("key-manager", NodeRole.KeyManager, seed, 0);
            processes.Add(keyManager);
            var client = Start("client-1", NodeRole.Client, seed, 0, "data { set = mnist, partition-index = 0 }");
            processes.Add(client);

            foreach (var node in processes)
            {
                await node.WaitForAsync("is Up at");
            }
            await coordinator.WaitForAsync("Membership: 3 members, 3 Up, leader " + seed);
            Assert.True(client.Contains("data: mnist partition 0"), client.Output);

            Process.Start("kill", $"-TERM {client.Process.Id}")!.WaitForExit();
            await client.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));

            Assert.True(client.Process.ExitCode == 0, $"exit code {client.Process.ExitCode}\n{client.Output}");
            Assert.True(client.Contains("stopped after leaving the cluster"), client.Output);
            await coordinator.WaitForAsync("Membership: 2 members, 2 Up");

            keyManager.Process.Kill(entireProcessTree: true);
            await coordinator.WaitForAsync("is unreachable");
            await coordinator.WaitForAsync("Cluster: downing");
            await coordinator.WaitForAsync("Membership: 1 members, 1 Up");
        }
        finally
        {
            foreach (var node in processes)
            {
                node.Dispose();
            }
        }
    }

    [CliFact]
    public async Task A_node_claiming_a_role_its_certificate_is_not_admitted_with_exits_with_1_naming_the_fingerprint()
    {
        var node = Start("client-2", NodeRole.Coordinator, $"fedactors://fed@127.0.0.1:{FedactorsProcess.FreePort()}", 0);
        await node.Process.WaitForExitAsync().WaitAsync(Eventually.Timeout);

        Assert.True(node.Process.ExitCode == 1, $"exit code {node.Process.ExitCode}\n{node.Output}");
        Assert.True(node.Contains($"fingerprint {fixture.FingerprintOf("client-2")} claims role coordinator but the roster admits it as client"), node.Output);
        Assert.False(node.Contains("   at "), node.Output);
    }

    [CliFact]
    public async Task A_client_without_data_exits_with_1_naming_the_key()
    {
        var node = Start("client-3", NodeRole.Client, $"fedactors://fed@127.0.0.1:{FedactorsProcess.FreePort()}", 0);
        await node.Process.WaitForExitAsync().WaitAsync(Eventually.Timeout);

        Assert.True(node.Process.ExitCode == 1, $"exit code {node.Process.ExitCode}\n{node.Output}");
        Assert.True(node.Contains("fedactors.node.data.set must name the client's data"), node.Output);
    }

    private FedactorsProcess Start(string identity, NodeRole role, string seed, int port, string node = "") =>
        FedactorsProcess.StartNode(identity, fixture.WriteNodeConfig(identity, role, [seed], port: port, node: node));

}
