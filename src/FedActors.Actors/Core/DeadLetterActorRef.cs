using FedActors.Actors.Event;

namespace FedActors.Actors.Core;

/// <summary>Where undeliverable messages go: each becomes a <see cref="DeadLetter"/> on the event stream. A watch on it reports termination at once.</summary>
internal sealed class DeadLetterActorRef(ActorSystem system, ActorPath path) : ActorRefBase(path, 0)
{
    public override ActorSystem System => system;

    public override bool IsTerminated => false;

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        system.PublishDeadLetter(message is DeadLetter d ? d : new DeadLetter(message, sender, this, "sent to dead letters"));
    }

    public override void SendSystemMessage(SystemMessage message)
    {
        if (message is Watch watch)
        {
            watch.Watcher.SendSystemMessage(new DeathWatchNotification(watch.Watchee, existenceConfirmed: false));
        }
    }
}
