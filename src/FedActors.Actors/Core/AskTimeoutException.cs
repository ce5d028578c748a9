namespace FedActors.Actors.Core;

/// <summary>The reply to an <c>Ask</c> did not arrive within its timeout.</summary>
public sealed class AskTimeoutException : Exception
{
    /// <summary>Creates the exception with an explanatory message.</summary>
    public AskTimeoutException(string message)
        : base(message)
    {
    }
}
