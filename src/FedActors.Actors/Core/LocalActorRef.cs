namespace FedActors.Actors.Core;

/// <summary>The reference to an actor in this process: sends go straight into its mailbox.</summary>
internal sealed class LocalActorRef : ActorRefBase
{
    public LocalActorRef(ActorCell cell, ActorPath path, long uid)
        : base(path, uid)
    {
        Cell = cell;
    }

    public ActorCell Cell { get; }

    public override ActorSystem System => Cell.System;

    public override bool IsTerminated => Cell.IsTerminated;

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        Cell.SendMessage(message, sender);
    }

    public override void SendSystemMessage(SystemMessage message) => Cell.SendSystemMessage(message);
}
