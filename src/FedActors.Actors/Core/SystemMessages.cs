namespace FedActors.Actors.Core;

/// <summary>
/// A message about an actor's life rather than its work: processed before user messages, never
/// stashed, never seen by actor code. Each instance is queued once (it is its own list node).
/// </summary>
internal abstract class SystemMessage
{
    public SystemMessage? Next;
}

/// <summary>Creates the actor instance and runs PreStart.</summary>
internal sealed class Create : SystemMessage;

/// <summary>Restarts the (suspended) actor after a failure.</summary>
internal sealed class Recreate(Exception cause) : SystemMessage
{
    public Exception Cause { get; } = cause;
}

/// <summary>Holds back user messages (a parent or sibling failed).</summary>
internal sealed class Suspend : SystemMessage;

/// <summary>Lets user messages flow again; <see cref="CausedByFailure"/> is set when resuming after this actor's own failure.</summary>
internal sealed class Resume(Exception? causedByFailure) : SystemMessage
{
    public Exception? CausedByFailure { get; } = causedByFailure;
}

/// <summary>Stops the actor: children first, then PostStop, then watchers are told.</summary>
internal sealed class Terminate : SystemMessage;

/// <summary>The watcher wants a DeathWatchNotification when the watchee stops.</summary>
internal sealed class Watch(IInternalActorRef watchee, IInternalActorRef watcher) : SystemMessage
{
    public IInternalActorRef Watchee { get; } = watchee;
    public IInternalActorRef Watcher { get; } = watcher;
}

/// <summary>Cancels a <see cref="Watch"/>.</summary>
internal sealed class Unwatch(IInternalActorRef watchee, IInternalActorRef watcher) : SystemMessage
{
    public IInternalActorRef Watchee { get; } = watchee;
    public IInternalActorRef Watcher { get; } = watcher;
}

/// <summary>Tells a watcher (or the parent) that an actor has stopped.</summary>
internal sealed class DeathWatchNotification(IActorRef actor, bool existenceConfirmed) : SystemMessage
{
    public IActorRef Actor { get; } = actor;
    public bool ExistenceConfirmed { get; } = existenceConfirmed;
}

/// <summary>Tells a parent that its child failed and waits suspended for the supervisor's decision.</summary>
internal sealed class Failed(IInternalActorRef child, Exception cause, long uid) : SystemMessage
{
    public IInternalActorRef Child { get; } = child;
    public Exception Cause { get; } = cause;
    public long Uid { get; } = uid;
}

/// <summary>Runs an <c>await</c> continuation of an async handler inside the actor's turn.</summary>
internal sealed class AsyncContinuation(SendOrPostCallback callback, object? state) : SystemMessage
{
    public SendOrPostCallback Callback { get; } = callback;
    public object? State { get; } = state;
}

/// <summary>An async handler's task finished; user messages may flow again (or the failure is handled).</summary>
internal sealed class AsyncCompleted(Task task) : SystemMessage
{
    public Task Task { get; } = task;
}

/// <summary>A <see cref="Terminated"/> queued by death watch; delivered only if the watcher has not unwatched meanwhile.</summary>
internal sealed record WatchedTerminated(Terminated Terminated) : IAutoReceivedMessage, Serialization.INoSerializationVerificationNeeded;
