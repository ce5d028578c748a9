namespace FedActors.Actors.Core;

/// <summary>Thrown when an actor operation is used in a state that forbids it (stashing the same message twice, creating a child while stopping).</summary>
public sealed class IllegalActorStateException : Exception
{
    /// <summary>Creates the exception with an explanatory message.</summary>
    public IllegalActorStateException(string message)
        : base(message)
    {
    }
}
