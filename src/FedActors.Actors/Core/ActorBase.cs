using FedActors.Actors.Event;
using FedActors.Actors.Supervision;
using Microsoft.Extensions.Logging;

namespace FedActors.Actors.Core;

/// <summary>
/// The base of every actor. The runtime creates instances through <see cref="Props"/> (never with
/// <c>new</c> elsewhere), calls <see cref="Receive"/> for one message at a time, and calls the
/// lifecycle hooks: <see cref="PreStart"/>, <see cref="PostStop"/>, <see cref="PreRestart"/>,
/// <see cref="PostRestart"/>. Base classes that must see every message before the behaviour does
/// (a persistent actor that stashes commands while persisting) override <see cref="AroundReceive"/>
/// and the <c>Around*</c> lifecycle hooks.
/// </summary>
public abstract class ActorBase
{
    private readonly ActorCell _cell;

    /// <summary>Binds the instance to the actor being created.</summary>
    /// <exception cref="ActorInitializationException">The actor is constructed outside <c>ActorOf</c>.</exception>
    protected ActorBase()
    {
        _cell = ActorCell.Current is { IsCreatingActor: true } cell
            ? cell
            : throw new ActorInitializationException(null, $"{GetType().Name} was constructed with 'new'; create actors with ActorOf(Props.Create(...)).", null);
    }

    /// <summary>The actor's context: self, sender, children, watch, become, stash, timers.</summary>
    protected IActorContext Context => _cell;

    /// <summary>The actor's own reference.</summary>
    protected IActorRef Self => _cell.Self;

    /// <summary>The sender of the message being handled (dead letters when there is none).</summary>
    protected IActorRef Sender => _cell.Sender;

    /// <summary>The actor's logger (see <see cref="IActorContext.Log"/>).</summary>
    protected ILogger Log => _cell.Log;

    /// <summary>The initial behaviour: handles a message and returns true, or returns false to leave it unhandled.</summary>
    protected internal abstract bool Receive(object message);

    /// <summary>Runs the current behaviour on a message. Override to intercept every message (call the base to handle it).</summary>
    /// <param name="receive">The current behaviour.</param>
    /// <param name="message">The message.</param>
    /// <returns>True when the message was handled.</returns>
    protected internal virtual bool AroundReceive(Receive receive, object message)
    {
        ArgumentNullException.ThrowIfNull(receive);
        return receive(message);
    }

    /// <summary>
    /// Called for a message no behaviour handled. An unhandled <see cref="Terminated"/> throws
    /// <see cref="DeathPactException"/>; anything else is published as <see cref="UnhandledMessage"/>.
    /// </summary>
    protected internal virtual void Unhandled(object message)
    {
        if (message is Terminated terminated)
        {
            throw new DeathPactException(terminated.ActorRef);
        }
        _cell.System.EventStream.Publish(new UnhandledMessage(message, _cell.CurrentSender, Self));
    }

    /// <summary>Called before the first message, on every new incarnation (by <see cref="PostRestart"/> by default).</summary>
    protected internal virtual void PreStart()
    {
    }

    /// <summary>Called after the actor stopped (its children have stopped already). Exceptions are logged, not supervised.</summary>
    protected internal virtual void PostStop()
    {
    }

    /// <summary>Called on the failed instance before a restart. By default stops all children and calls <see cref="PostStop"/>.</summary>
    /// <param name="reason">The exception that caused the restart.</param>
    /// <param name="message">The message being handled when it failed, if any.</param>
    protected internal virtual void PreRestart(Exception reason, object? message)
    {
        foreach (var child in Context.Children)
        {
            Context.Stop(child);
        }
        PostStop();
    }

    /// <summary>Called on the new instance after a restart. By default calls <see cref="PreStart"/>.</summary>
    protected internal virtual void PostRestart(Exception reason) => PreStart();

    /// <summary>The strategy this actor applies to its failing children. Default: <see cref="SupervisorStrategy.DefaultStrategy"/>.</summary>
    protected internal virtual SupervisorStrategy SupervisorStrategy() => Supervision.SupervisorStrategy.DefaultStrategy;

    /// <summary>Wraps <see cref="PreStart"/>; override to act before or after it.</summary>
    protected internal virtual void AroundPreStart() => PreStart();

    /// <summary>Wraps <see cref="PostStop"/>; override to act before or after it.</summary>
    protected internal virtual void AroundPostStop() => PostStop();

    /// <summary>Wraps <see cref="PreRestart"/>; override to act before or after it.</summary>
    protected internal virtual void AroundPreRestart(Exception reason, object? message) => PreRestart(reason, message);

    /// <summary>Wraps <see cref="PostRestart"/>; override to act before or after it.</summary>
    protected internal virtual void AroundPostRestart(Exception reason) => PostRestart(reason);

    /// <summary>
    /// Runs an asynchronous handler while keeping message order: no further user message is handled
    /// until the task completes, and every <c>await</c> continuation runs inside the actor's turn with
    /// <see cref="Self"/>, <see cref="Sender"/> and <see cref="Context"/> valid. If the task fails, the
    /// supervisor decides as for a synchronous exception.
    /// </summary>
    protected void RunTask(Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        _cell.RunTask(static a => a(), action);
    }

    internal void RunTask<TState>(Func<TState, Task> action, TState state) => _cell.RunTask(action, state);
}
