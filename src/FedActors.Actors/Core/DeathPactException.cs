namespace FedActors.Actors.Core;

/// <summary>An actor watched another one and did not handle its <see cref="Terminated"/> message.</summary>
public sealed class DeathPactException : Exception
{
    /// <summary>Creates the exception for the actor that stopped.</summary>
    public DeathPactException(IActorRef deadActor)
        : base($"Monitored actor {deadActor} terminated and the watcher does not handle Terminated; handle it or Unwatch first.")
    {
        DeadActor = deadActor;
    }

    /// <summary>The watched actor that stopped.</summary>
    public IActorRef DeadActor { get; }
}
