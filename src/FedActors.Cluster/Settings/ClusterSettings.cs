using FedActors.Actors.Core;
using FedActors.Configuration;
using FedActors.Crypto.Identity;

namespace FedActors.Cluster.Settings;

/// <summary>
/// The validated settings of cluster membership (HOCON section <c>fedactors.cluster</c>). Immutable; every bad
/// value is reported with its full key, e.g. <c>fedactors.cluster.down-unreachable-after must be a finite duration &gt; 0, was -1s</c>.
/// </summary>
public sealed class ClusterSettings
{
    private ClusterSettings()
    {
    }

    /// <summary>Addresses of the nodes a new node asks to join through, in order (<c>seed-nodes</c>).</summary>
    public IReadOnlyList<Address> SeedNodes { get; private init; } = [];

    /// <summary>The roles this node claims (<c>roles</c>); each must be the role the roster admits its certificate with.</summary>
    public IReadOnlyList<NodeRole> Roles { get; private init; } = [];

    /// <summary>How long the first seed node asks the other seeds before it starts a new cluster by joining itself (<c>seed-node-timeout</c>).</summary>
    public TimeSpan SeedNodeTimeout { get; private init; }

    /// <summary>How often a node not yet a member asks the seed nodes again (<c>retry-unsuccessful-join-after</c>).</summary>
    public TimeSpan RetryUnsuccessfulJoinAfter { get; private init; }

    /// <summary>How often a member gossips its membership state and the leader moves members on (<c>gossip-interval</c>).</summary>
    public TimeSpan GossipInterval { get; private init; }

    /// <summary>How long the coordinator waits before it downs a member it finds unreachable (<c>down-unreachable-after</c>).</summary>
    public TimeSpan DownUnreachableAfter { get; private init; }

    /// <summary>The phi-accrual failure detector (<c>failure-detector</c>).</summary>
    public FailureDetectorSettings FailureDetector { get; private init; } = FailureDetectorSettings.Default;

    /// <summary>Reads and validates the <c>fedactors.cluster</c> section.</summary>
    /// <param name="cluster">The section itself (<c>config.GetConfig("fedactors.cluster")</c>).</param>
    /// <exception cref="ConfigException">A key is missing or invalid; the message names the key and the value.</exception>
    public static ClusterSettings FromConfig(Config cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var seeds = new List<Address>();
        foreach (var text in cluster.GetStringList("seed-nodes"))
        {
            Address address;
            try
            {
                address = Address.Parse(text);
            }
            catch (FormatException e)
            {
                throw cluster.Invalid("seed-nodes", $"must list addresses like \"fedactors://fed@host:2552\" ('{text}': {e.Message})");
            }
            if (!address.HasGlobalScope || address.Protocol != Address.DefaultProtocol)
            {
                throw cluster.Invalid("seed-nodes", $"must list addresses like \"fedactors://fed@host:2552\" ('{text}' has no host and port)");
            }
            if (seeds.Contains(address))
            {
                throw cluster.Invalid("seed-nodes", $"must not list {address} twice");
            }
            seeds.Add(address);
        }
        var roles = new List<NodeRole>();
        foreach (var text in cluster.GetStringList("roles"))
        {
            NodeRole role;
            try
            {
                role = NodeRoles.Parse(text);
            }
            catch (FormatException)
            {
                throw cluster.Invalid("roles", $"must list roles among {string.Join(", ", NodeRoles.Names)}");
            }
            if (!roles.Contains(role))
            {
                roles.Add(role);
            }
        }
        return new ClusterSettings
        {
            SeedNodes = seeds,
            Roles = roles,
            SeedNodeTimeout = FailureDetectorSettings.Positive(cluster, "seed-node-timeout"),
            RetryUnsuccessfulJoinAfter = FailureDetectorSettings.Positive(cluster, "retry-unsuccessful-join-after"),
            GossipInterval = FailureDetectorSettings.Positive(cluster, "gossip-interval"),
            DownUnreachableAfter = FailureDetectorSettings.Positive(cluster, "down-unreachable-after"),
            FailureDetector = FailureDetectorSettings.FromConfig(cluster.GetConfig("failure-detector")),
        };
    }
}
