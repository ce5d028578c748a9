using FedActors.Actors.Core;

namespace FedActors.Cluster.Membership;

/// <summary>
/// One incarnation of a node: its address and the UID its remoting drew at start. A node restarted on the same
/// host and port has the same <see cref="Address"/> and a new <see cref="Uid"/>, so it is a new member.
/// Ordered by host, port, system name, then UID (the order that picks the leader among equals).
/// </summary>
public sealed record UniqueAddress(Address Address, ulong Uid) : IComparable<UniqueAddress>
{
    /// <inheritdoc/>
    public int CompareTo(UniqueAddress? other)
    {
        if (other is null)
        {
            return 1;
        }
        var byHost = string.CompareOrdinal(Address.Host, other.Address.Host);
        if (byHost != 0)
        {
            return byHost;
        }
        var byPort = Nullable.Compare(Address.Port, other.Address.Port);
        if (byPort != 0)
        {
            return byPort;
        }
        var bySystem = string.CompareOrdinal(Address.System, other.Address.System);
        return bySystem != 0 ? bySystem : Uid.CompareTo(other.Uid);
    }

    /// <summary><c>fedactors://system@host:port#uid</c>.</summary>
    public override string ToString() => $"{Address}#{Uid}";
}
