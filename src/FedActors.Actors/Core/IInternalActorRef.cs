namespace FedActors.Actors.Core;

/// <summary>The runtime's side of an actor reference: system messages and liveness. Remote references implement it too.</summary>
internal interface IInternalActorRef : IActorRef
{
    /// <summary>The actor system the reference belongs to.</summary>
    ActorSystem System { get; }

    /// <summary>True once the actor has stopped for good.</summary>
    bool IsTerminated { get; }

    /// <summary>Delivers a system message (watch, supervise, stop) ahead of user messages.</summary>
    void SendSystemMessage(SystemMessage message);
}
