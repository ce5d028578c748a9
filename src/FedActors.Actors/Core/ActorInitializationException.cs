namespace FedActors.Actors.Core;

/// <summary>
/// An actor's constructor, <c>PreStart</c> or <c>PostRestart</c> threw. Its supervisor's default
/// decision is to stop it. <see cref="Exception.InnerException"/> is what was thrown.
/// </summary>
public sealed class ActorInitializationException : Exception
{
    /// <summary>Creates the exception for an actor and the exception its initialization threw.</summary>
    public ActorInitializationException(IActorRef? actor, string message, Exception? cause)
        : base(message, cause)
    {
        Actor = actor;
    }

    /// <summary>The actor that failed to initialize, when known.</summary>
    public IActorRef? Actor { get; }
}
