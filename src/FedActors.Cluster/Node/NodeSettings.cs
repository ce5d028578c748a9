using FedActors.Configuration;
using FedActors.Crypto.Identity;

namespace FedActors.Cluster.Node;

/// <summary>
/// The validated settings of a cluster node process (HOCON section <c>fedactors.node</c>): its actor system
/// name, where its key password comes from, how long a graceful leave may take and, for a client, its local data.
/// Errors name the key and the value, e.g. <c>fedactors.node.data.partition-index must be &gt;= 0 with set, was -1</c>.
/// </summary>
public sealed class NodeSettings
{
    private NodeSettings(string systemName, string keyPasswordEnv, TimeSpan leaveTimeout, NodeDataSettings? data)
    {
        SystemName = systemName;
        KeyPasswordEnv = keyPasswordEnv;
        LeaveTimeout = leaveTimeout;
        Data = data;
    }

    /// <summary>The actor system name, the same on every node of a federation (<c>system-name</c>).</summary>
    public string SystemName { get; }

    /// <summary>The environment variable holding the node key's password, or empty for an unencrypted key (<c>key-password-env</c>).</summary>
    public string KeyPasswordEnv { get; }

    /// <summary>How long a stopping node waits for its graceful leave (<c>leave-timeout</c>).</summary>
    public TimeSpan LeaveTimeout { get; }

    /// <summary>A client's local data (<c>data</c>); null on coordinator and key-manager nodes.</summary>
    public NodeDataSettings? Data { get; }

    /// <summary>Reads and validates the <c>fedactors.node</c> section.</summary>
    /// <param name="node">The section itself (<c>config.GetConfig("fedactors.node")</c>).</param>
    /// <param name="roles">The node's roles (<c>fedactors.cluster.roles</c>): a client needs data, other roles must not name any.</param>
    /// <param name="dataSets">The catalog data set names <c>data.set</c> may take.</param>
    /// <exception cref="ConfigException">A key is missing or invalid; the message names the key and the value.</exception>
    public static NodeSettings FromConfig(Config node, IReadOnlyList<NodeRole> roles, IReadOnlyList<string> dataSets)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentNullException.ThrowIfNull(dataSets);
        var systemName = node.GetString("system-name");
        try
        {
            Actors.Core.Address.ValidateSystemName(systemName);
        }
        catch (ArgumentException e)
        {
            throw node.Invalid("system-name", $"must be a valid actor system name ({e.Message})");
        }
        var leaveTimeout = node.GetTimeSpan("leave-timeout");
        if (leaveTimeout <= TimeSpan.Zero || leaveTimeout == Timeout.InfiniteTimeSpan)
        {
            throw node.Invalid("leave-timeout", "must be a finite duration > 0");
        }
        var data = node.GetConfig("data");
        var set = data.GetString("set");
        var path = data.GetString("path");
        var partition = data.GetInt("partition-index");
        NodeDataSettings? local = null;
        if (set.Length > 0 && path.Length > 0)
        {
            throw data.Invalid("path", "must be \"\" when data.set is given (name a catalog partition or a directory, not both)");
        }
        if (set.Length > 0)
        {
            if (!dataSets.Contains(set))
            {
                throw data.Invalid("set", $"must be one of {string.Join(", ", dataSets)}");
            }
            if (partition < 0)
            {
                throw data.Invalid("partition-index", "must be >= 0 with set");
            }
            local = NodeDataSettings.FromCatalog(set, partition);
        }
        else if (path.Length > 0)
        {
            if (!Directory.Exists(path))
            {
                throw data.Invalid("path", "must be an existing directory of IDX/CSV files");
            }
            local = NodeDataSettings.FromDirectory(path);
        }
        var client = roles.Contains(NodeRole.Client);
        if (client && local is null)
        {
            throw data.Invalid("set", "must name the client's data: set + partition-index, or path");
        }
        if (!client && local is not null)
        {
            throw data.Invalid(set.Length > 0 ? "set" : "path", "is for client nodes only; this node's roles (fedactors.cluster.roles) do not include client");
        }
        return new NodeSettings(systemName, node.GetString("key-password-env"), leaveTimeout, local);
    }
}
