namespace FedActors.Actors.Core;

/// <summary>
/// An actor whose behaviour is a list of typed handlers registered in its constructor:
/// <c>Receive&lt;Ping&gt;(p =&gt; Sender.Tell(new Pong()))</c>. The first handler whose type (and
/// optional predicate) matches handles the message; a message no handler matches is unhandled.
/// <see cref="ReceiveAsync{T}"/> handlers keep ordering: the next message waits until the task completes.
/// <see cref="Become(Action)"/> swaps the whole handler list.
/// </summary>
public abstract class ReceiveActor : ActorBase
{
    private readonly HandlerSet _initial = new();
    private HandlerSet? _building;

    /// <summary>Starts the registration of the initial handlers.</summary>
    protected ReceiveActor()
    {
        _building = _initial;
    }

    /// <summary>Registers a handler for messages of type <typeparamref name="T"/> (optionally only those matching <paramref name="shouldHandle"/>).</summary>
    protected void Receive<T>(Action<T> handler, Predicate<T>? shouldHandle = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Target().Add(new Handler<T>(handler, shouldHandle));
    }

    /// <summary>Registers an asynchronous handler; the mailbox holds further messages until its task completes.</summary>
    protected void ReceiveAsync<T>(Func<T, Task> handler, Predicate<T>? shouldHandle = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Target().Add(new AsyncHandler<T>(this, handler, shouldHandle));
    }

    /// <summary>Registers a handler for any message not handled by an earlier handler.</summary>
    protected void ReceiveAny(Action<object> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Target().Add(new Handler<object>(handler, null));
    }

    /// <summary>Replaces the behaviour with the handlers that <paramref name="configure"/> registers.</summary>
    protected void Become(Action configure) => Context.Become(Build(configure));

    /// <summary>Pushes the handlers that <paramref name="configure"/> registers; <c>Context.Unbecome()</c> returns to the previous ones.</summary>
    protected void BecomeStacked(Action configure) => Context.BecomeStacked(Build(configure));

    /// <summary>Dispatches to the initial handlers.</summary>
    protected internal sealed override bool Receive(object message)
    {
        _building = null;
        return _initial.Handle(message);
    }

    private Receive Build(Action configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var set = new HandlerSet();
        var previous = _building;
        _building = set;
        try
        {
            configure();
        }
        finally
        {
            _building = previous;
        }
        return set.Handle;
    }

    private HandlerSet Target() => _building ?? throw new InvalidOperationException(
        $"Handlers of {GetType().Name} must be registered in its constructor or inside Become(() => ...), not while it handles messages.");

    private sealed class HandlerSet
    {
        private HandlerBase[] _handlers = [];

        public void Add(HandlerBase handler) => _handlers = [.. _handlers, handler];

        public bool Handle(object message)
        {
            foreach (var handler in _handlers)
            {
                if (handler.TryHandle(message))
                {
                    return true;
                }
            }
            return false;
        }
    }

    private abstract class HandlerBase
    {
        public abstract bool TryHandle(object message);
    }

    private sealed class Handler<T>(Action<T> action, Predicate<T>? predicate) : HandlerBase
    {
        public override bool TryHandle(object message)
        {
            if (message is T typed && (predicate is null || predicate(typed)))
            {
                action(typed);
                return true;
            }
            return false;
        }
    }

    private sealed class AsyncHandler<T>(ReceiveActor owner, Func<T, Task> action, Predicate<T>? predicate) : HandlerBase
    {
        public override bool TryHandle(object message)
        {
            if (message is T typed && (predicate is null || predicate(typed)))
            {
                owner.RunTask(action, typed);
                return true;
            }
            return false;
        }
    }
}
