namespace FedActors.Actors.Core;

/// <summary>Well-known references.</summary>
public static class ActorRefs
{
    /// <summary>The absent sender: pass it as <c>sender</c> when no reply is wanted.</summary>
    public static readonly IActorRef? NoSender;
}
