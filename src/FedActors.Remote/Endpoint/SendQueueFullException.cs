namespace FedActors.Remote.Endpoint;

/// <summary>A message could not be queued for a remote system because its send queue was full and the policy is <c>fail</c>.</summary>
public sealed class SendQueueFullException : Exception
{
    /// <summary>Creates the exception with an actionable message.</summary>
    public SendQueueFullException(string message)
        : base(message)
    {
    }
}
