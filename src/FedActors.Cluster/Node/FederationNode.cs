using FedActors.Actors.Core;
using FedActors.Cluster.Settings;
using FedActors.Configuration;
using FedActors.Crypto.Identity;
using FedActors.Remote;
using FedActors.Remote.Settings;
using FedActors.Remote.Transport;
using Microsoft.Extensions.Logging;

namespace FedActors.Cluster.Node;

/// <summary>
/// One federation node process, as <c>fedactors node --config FILE</c> runs it: an actor system with its remote
/// transport (mutual TLS, roster) and cluster membership, the node's role and, for a client, its local data.
/// This is what the federation layer builds on: <see cref="Role"/>, <see cref="Settings"/> (with
/// <see cref="NodeSettings.Data"/>) and <see cref="Cluster"/> (membership and events).
/// </summary>
public sealed class FederationNode : IAsyncDisposable
{
    private readonly TransportSecurity _security;
    private readonly ILogger _log;
    private readonly TimeSpan _gossipInterval;

    private FederationNode(ActorSystem system, Remoting remoting, Cluster cluster, TransportSecurity security, NodeRole role, NodeSettings settings, ILogger log, TimeSpan gossipInterval)
    {
        _gossipInterval = gossipInterval;
        System = system;
        Remoting = remoting;
        Cluster = cluster;
        _security = security;
        Role = role;
        Settings = settings;
        Name = NodeCertificates.NameOf(security.NodeCertificate);
        _log = log;
    }

    /// <summary>The node's actor system, named <c>fedactors.node.system-name</c>.</summary>
    public ActorSystem System { get; }

    /// <summary>The node's remote transport.</summary>
    public Remoting Remoting { get; }

    /// <summary>The node's cluster membership.</summary>
    public Cluster Cluster { get; }

    /// <summary>The node's role (<c>fedactors.cluster.roles</c>, the one its certificate is admitted with).</summary>
    public NodeRole Role { get; }

    /// <summary>The node's settings (<c>fedactors.node</c>), including a client's data.</summary>
    public NodeSettings Settings { get; }

    /// <summary>The node name its certificate was issued to.</summary>
    public string Name { get; }

    /// <summary>
    /// Validates <c>fedactors.remote</c>, <c>fedactors.cluster</c> and <c>fedactors.node</c> of <paramref name="config"/>,
    /// loads the node's certificate (its key password from the environment variable named by
    /// <c>fedactors.node.key-password-env</c>), starts remoting and joins the cluster.
    /// </summary>
    /// <param name="config">The node configuration over <c>reference.conf</c>.</param>
    /// <param name="dataSets">The catalog data set names a client's <c>fedactors.node.data.set</c> may take.</param>
    /// <param name="loggerFactory">Where the system, transport and cluster log.</param>
    /// <exception cref="ConfigException">A setting is invalid; the message names the key.</exception>
    /// <exception cref="IdentityException">A certificate, key or roster file is missing or invalid.</exception>
    /// <exception cref="ClusterException">The claimed role is not the roster's role for the certificate, or no roster is set.</exception>
    /// <exception cref="IOException">The listener cannot bind.</exception>
    public static async Task<FederationNode> StartAsync(Config config, IReadOnlyList<string> dataSets, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(dataSets);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var remoteSettings = RemoteSettings.FromConfig(config.GetConfig("fedactors.remote"));
        var clusterConfig = config.GetConfig("fedactors.cluster");
        var clusterSettings = ClusterSettings.FromConfig(clusterConfig);
        if (clusterSettings.Roles.Count != 1)
        {
            throw clusterConfig.Invalid("roles", $"must name exactly one role of a node ({string.Join(" | ", NodeRoles.Names)})");
        }
        var nodeConfig = config.GetConfig("fedactors.node");
        var settings = NodeSettings.FromConfig(nodeConfig, clusterSettings.Roles, dataSets);
        var password = string.Empty;
        if (settings.KeyPasswordEnv.Length > 0)
        {
            password = Environment.GetEnvironmentVariable(settings.KeyPasswordEnv)
                ?? throw nodeConfig.Invalid("key-password-env", "must name an environment variable that is set (it holds the node key's password)");
        }
        var security = TransportSecurity.FromFiles(remoteSettings, password);
        var system = ActorSystem.Create(settings.SystemName, new ActorSystemSetup { Config = config, LoggerFactory = loggerFactory });
        try
        {
            var remoting = await Remoting.StartAsync(system, remoteSettings, security).ConfigureAwait(false);
            var cluster = Cluster.Start(system, remoting, security, clusterSettings);
            var log = loggerFactory.CreateLogger("FedActors.Node");
            var node = new FederationNode(system, remoting, cluster, security, clusterSettings.Roles[0], settings, log, clusterSettings.GossipInterval);
            log.LogInformation("Node {Name} ({Role}) at {Address}{Data}", node.Name, NodeRoles.ToName(node.Role), remoting.Address,
                settings.Data is null ? string.Empty : $", data: {settings.Data}");
            return node;
        }
        catch
        {
            await system.Terminate().ConfigureAwait(false);
            security.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Leaves the cluster gracefully (waiting at most <c>fedactors.node.leave-timeout</c>), then stops the system.
    /// Returns false when the leave did not complete in time (the node stopped anyway; the coordinator will find it
    /// unreachable and down it).
    /// </summary>
    public async Task<bool> LeaveAndStopAsync()
    {
        var left = true;
        try
        {
            await Cluster.LeaveAsync().WaitAsync(Settings.LeaveTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            left = false;
            _log.LogWarning("Node {Address} did not complete its leave within {Timeout} (fedactors.node.leave-timeout); stopping anyway", Remoting.Address, Settings.LeaveTimeout);
        }
        if (left)
        {
            // The daemon stays one gossip interval after its exit so that the others hear of it (the leader tells them all).
            await Task.Delay(_gossipInterval).ConfigureAwait(false);
        }
        await DisposeAsync().ConfigureAwait(false);
        return left;
    }

    /// <summary>Stops the system and transport without leaving; idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        await System.Terminate().ConfigureAwait(false);
        await Remoting.DisposeAsync().ConfigureAwait(false);
        _security.Dispose();
    }
}
