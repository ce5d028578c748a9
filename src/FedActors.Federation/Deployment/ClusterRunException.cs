namespace FedActors.Federation.Deployment;

/// <summary>
/// A cluster run could not be set up: too few members joined in time, a node refused the run (its reason is in the
/// message), or the joined clients' partition indices do not cover the scenario's clients.
/// </summary>
public sealed class ClusterRunException : Exception
{
    /// <summary>Creates the exception with its actionable message.</summary>
    public ClusterRunException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its actionable message and cause.</summary>
    public ClusterRunException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
