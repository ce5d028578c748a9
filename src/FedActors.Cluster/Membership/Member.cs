using FedActors.Crypto.Identity;

namespace FedActors.Cluster.Membership;

/// <summary>A member of the cluster as one node currently sees it: which incarnation, in which state, with which roles.</summary>
public sealed record Member
{
    /// <summary>Creates a member view.</summary>
    public Member(UniqueAddress uniqueAddress, MemberStatus status, IReadOnlyList<NodeRole> roles)
    {
        UniqueAddress = uniqueAddress ?? throw new ArgumentNullException(nameof(uniqueAddress));
        Status = status;
        Roles = roles ?? throw new ArgumentNullException(nameof(roles));
    }

    /// <summary>The incarnation.</summary>
    public UniqueAddress UniqueAddress { get; }

    /// <summary>The node's address (<c>fedactors://system@host:port</c>).</summary>
    public Actors.Core.Address Address => UniqueAddress.Address;

    /// <summary>Where the member is in its life cycle.</summary>
    public MemberStatus Status { get; }

    /// <summary>The roles the member joined with; the roster admitted its certificate with each of them.</summary>
    public IReadOnlyList<NodeRole> Roles { get; }

    /// <summary>True when the member joined with <paramref name="role"/>.</summary>
    public bool HasRole(NodeRole role) => Roles.Contains(role);

    /// <summary>Equality by incarnation and status (roles never change for an incarnation).</summary>
    public bool Equals(Member? other) => other is not null && UniqueAddress.Equals(other.UniqueAddress) && Status == other.Status;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(UniqueAddress, Status);

    /// <summary><c>Member(fedactors://fed@host:2552#uid, Up, [client])</c>.</summary>
    public override string ToString() => $"Member({UniqueAddress}, {Status}, [{string.Join(", ", Roles.Select(NodeRoles.ToName))}])";
}
