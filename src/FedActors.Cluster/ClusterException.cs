namespace FedActors.Cluster;

/// <summary>
/// A node cannot be, or become, a cluster member: its certificate is not on the roster, it claims a role the
/// roster does not admit it with, or a seed node refused its join. The message says which and what to change.
/// </summary>
public sealed class ClusterException : Exception
{
    /// <summary>Creates the exception with its actionable message.</summary>
    public ClusterException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its actionable message and cause.</summary>
    public ClusterException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
