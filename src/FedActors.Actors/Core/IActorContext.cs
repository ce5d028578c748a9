using FedActors.Actors.Scheduling;
using Microsoft.Extensions.Logging;

namespace FedActors.Actors.Core;

/// <summary>
/// What an actor knows about itself and can do to its surroundings, available as
/// <c>Context</c> inside the actor. Only the actor's own thread may use it (never from a
/// continuation that left the actor, e.g. after <c>ConfigureAwait(false)</c>).
/// </summary>
public interface IActorContext
{
    /// <summary>The actor's own reference.</summary>
    IActorRef Self { get; }

    /// <summary>The sender of the message being handled, or the system's dead letters when there is none.</summary>
    IActorRef Sender { get; }

    /// <summary>The actor's parent (its supervisor).</summary>
    IActorRef Parent { get; }

    /// <summary>The actor system the actor belongs to.</summary>
    ActorSystem System { get; }

    /// <summary>The props the actor was created from.</summary>
    Props Props { get; }

    /// <summary>The children that have not been asked to stop.</summary>
    IReadOnlyCollection<IActorRef> Children { get; }

    /// <summary>Logs through the system's <see cref="ILoggerFactory"/> and publishes a <see cref="Event.LogEvent"/> on the event stream.</summary>
    ILogger Log { get; }

    /// <summary>The actor's stash (see <see cref="IStash"/>).</summary>
    IStash Stash { get; }

    /// <summary>The actor's timers: messages to itself, after a delay or periodically, cancelled on restart and stop.</summary>
    ITimerScheduler Timers { get; }

    /// <summary>The current receive timeout, or <c>null</c> when none is set.</summary>
    TimeSpan? ReceiveTimeout { get; }

    /// <summary>The child with the given name, or <c>null</c>.</summary>
    IActorRef? Child(string name);

    /// <summary>Creates a child actor. Without a name, a unique one starting with '$' is generated.</summary>
    /// <exception cref="InvalidActorNameException">The name is invalid or taken by a sibling.</exception>
    IActorRef ActorOf(Props props, string? name = null);

    /// <summary>Stops an actor (a child, or <see cref="Self"/> after the current message) asynchronously.</summary>
    void Stop(IActorRef actor);

    /// <summary>Watches an actor: when it stops, this actor receives <see cref="Terminated"/> once. Returns <paramref name="subject"/>.</summary>
    IActorRef Watch(IActorRef subject);

    /// <summary>Stops watching; a <see cref="Terminated"/> not yet handled for it is dropped. Returns <paramref name="subject"/>.</summary>
    IActorRef Unwatch(IActorRef subject);

    /// <summary>Replaces the current behaviour with <paramref name="receive"/>.</summary>
    void Become(Receive receive);

    /// <summary>Pushes <paramref name="receive"/> as the behaviour; <see cref="Unbecome"/> returns to the previous one.</summary>
    void BecomeStacked(Receive receive);

    /// <summary>Returns to the behaviour before the last <see cref="BecomeStacked"/> (the initial behaviour at the bottom).</summary>
    void Unbecome();

    /// <summary>Sends <see cref="Core.ReceiveTimeout"/> to the actor after <paramref name="timeout"/> without messages; <c>null</c> turns it off.
    /// Messages implementing <see cref="INotInfluenceReceiveTimeout"/> do not restart the timeout.</summary>
    void SetReceiveTimeout(TimeSpan? timeout);

    /// <summary>An additional stash, independent from <see cref="Stash"/>, for base classes that hold messages back on their own
    /// (a persistent actor stashing commands while it persists), with the same restart and stop semantics.</summary>
    IStash CreateStash();
}
