using System.Net;
using FedActors.Crypto.Identity;

namespace FedActors.Cluster.Tests;

/// <summary>
/// A federation on six namespace hosts (<see cref="NetnsHosts"/>): h1 coordinator, h2 key-manager, h3 client-1 and
/// h4 client-2 run `fedactors node` from the start, each on its own address and port <see cref="Port"/>, joined through
/// the coordinator; h5 and h6 are free for the nodes a test starts itself. Shared by the multi-host tests; outside CI
/// it starts nothing where <see cref="NetnsFactAttribute"/> skips them.
/// </summary>
public sealed class NetnsCluster : IAsyncLifetime
{
    /// <summary>Every node listens on this port, each in its own namespace.</summary>
    public const int Port = 2552;

    /// <summary>How long a node may take to start: dotnet's start-up takes half a minute when parallel builds load the machine.</summary>
    public static readonly TimeSpan Startup = TimeSpan.FromMinutes(2);

    private NetnsHosts? _hosts;
    private readonly List<FedactorsProcess> _nodes = [];

    /// <summary>The CA, the node certificates and the federation roster (coordinator, key-manager, client-1..4).</summary>
    public ClusterFixture Identities { get; } = new();

    public NetnsHosts Hosts => _hosts ?? throw new InvalidOperationException("The test hosts were not created (see NetnsFactAttribute)");

    public FedactorsProcess Coordinator => _nodes[0];

    public FedactorsProcess KeyManager => _nodes[1];

    public FedactorsProcess Client1 => _nodes[2];

    public FedactorsProcess Client2 => _nodes[3];

    /// <summary>The nodes started with the cluster, coordinator first.</summary>
    public IReadOnlyList<FedactorsProcess> Nodes => _nodes;

    /// <summary>Host h<paramref name="k"/>.</summary>
    public NetnsHost Host(int k) => Hosts.Hosts[k - 1];

    /// <summary>The address of the node on host h<paramref name="k"/>.</summary>
    public string AddressOf(int k) => $"fedactors://fed@{Host(k).Address}:{Port}";

    /// <summary>The endpoint of the node on host h<paramref name="k"/>, as the test process reaches it.</summary>
    public IPEndPoint EndpointOf(int k) => new(Host(k).Address, Port);

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable("CI") is null && (new CliFactAttribute().Skip is not null || NetnsHosts.Unavailable is not null))
        {
            return;
        }
        _hosts = NetnsHosts.Create(6);
        try
        {
            _nodes.Add(StartNode("coordinator", NodeRole.Coordinator, 1));
            _nodes.Add(StartNode("key-manager", NodeRole.KeyManager, 2));
            _nodes.Add(StartNode("client-1", NodeRole.Client, 3, "data { set = mnist, partition-index = 0 }"));
            _nodes.Add(StartNode("client-2", NodeRole.Client, 4, "data { set = mnist, partition-index = 1 }"));
            await Coordinator.WaitForAsync("Membership: 4 members, 4 Up", Startup);
        }
        catch
        {
            // Whether xUnit disposes a fixture whose initialization failed is not guaranteed; the namespaces must not outlive the run.
            Stop();
            throw;
        }
    }

    /// <summary>
    /// Starts node <paramref name="identity"/> claiming <paramref name="role"/> on host h<paramref name="k"/>, joining
    /// through the coordinator; <paramref name="rosterFile"/> replaces the roster the node itself loads.
    /// </summary>
    public FedactorsProcess StartNode(string identity, NodeRole role, int k, string node = "", string? rosterFile = null)
    {
        // Partitions are healed within the failure detector's 2 s pause plus about 1 s of TCP retransmission
        // (NetnsHosts caps it), so 8 s before downing leaves the heal test a margin on a loaded machine.
        var config = Identities.WriteNodeConfig(identity, role, [AddressOf(1)], Host(k).Address.ToString(), Port, node,
            "fedactors.cluster.down-unreachable-after = 8s", rosterFile);
        return FedactorsProcess.StartNode(identity, config, Host(k));
    }

    public Task DisposeAsync()
    {
        Stop();
        Identities.Dispose();
        return Task.CompletedTask;
    }

    private void Stop()
    {
        foreach (var node in _nodes)
        {
            node.Dispose();
        }
        _nodes.Clear();
        _hosts?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class NetnsCollection : ICollectionFixture<NetnsCluster>
{
    public const string Name = "netns";
}
