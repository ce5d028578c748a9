using FedActors.Actors.Supervision;

namespace FedActors.Actors.Core;

/// <summary>The root actor "/": stops itself (and so <c>/system</c>) once <c>/user</c> has stopped, which ends the system.</summary>
internal sealed class RootGuardian : ActorBase
{
    protected internal override void PreStart()
    {
        if (Context.Child("user") is { } user)
        {
            Context.Watch(user);
        }
    }

    protected internal override bool Receive(object message)
    {
        if (message is Terminated)
        {
            Context.Stop(Self);
            return true;
        }
        return false;
    }

    protected internal override SupervisorStrategy SupervisorStrategy() => Supervision.SupervisorStrategy.StoppingStrategy;
}

/// <summary>The parent of <c>/user</c> and <c>/system</c> actors: handles nothing itself, supervises its children with the default strategy.</summary>
internal sealed class Guardian : ActorBase
{
    protected internal override bool Receive(object message) => false;
}

/// <summary>The parent of the root actor: stops it on failure and reports its termination to the system.</summary>
internal sealed class RootParent(ActorSystem system, ActorPath path) : ActorRefBase(path, 0)
{
    public override ActorSystem System => system;

    public override bool IsTerminated => false;

    public override void Tell(object message, IActorRef? sender) => system.DeadLetters.Tell(message, sender);

    public override void SendSystemMessage(SystemMessage message)
    {
        switch (message)
        {
            case Failed failed:
                failed.Child.SendSystemMessage(new Terminate());
                break;
            case DeathWatchNotification:
                system.OnRootTerminated();
                break;
        }
    }
}
