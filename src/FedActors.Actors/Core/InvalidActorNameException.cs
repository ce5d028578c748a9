namespace FedActors.Actors.Core;

/// <summary>An actor name is empty, has invalid characters, starts with '$' or is already taken by a sibling.</summary>
public sealed class InvalidActorNameException : Exception
{
    /// <summary>Creates the exception with an explanatory message.</summary>
    public InvalidActorNameException(string message)
        : base(message)
    {
    }
}
