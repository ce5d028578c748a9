namespace FedActors.Actors.Core;

/// <summary>Thrown inside an actor that received <see cref="Kill"/>; by default its supervisor stops it.</summary>
public sealed class ActorKilledException : Exception
{
    /// <summary>Creates the exception with an explanatory message.</summary>
    public ActorKilledException(string message)
        : base(message)
    {
    }
}
