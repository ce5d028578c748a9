namespace FedActors.Persistence;

/// <summary>
/// A <see cref="PersistentActor"/> whose handlers are registered by type in the constructor, after
/// Akka.NET's class of the same name: <see cref="Recover{T}"/> for snapshot offers, events and
/// <see cref="RecoveryCompleted"/>, <see cref="Command{T}"/> for commands. The first registered
/// handler whose type (and predicate) matches wins.
/// </summary>
public abstract class ReceivePersistentActor : PersistentActor
{
    private readonly List<Func<object, bool>> _recoverHandlers = [];
    private readonly List<Func<object, bool>> _commandHandlers = [];

    /// <summary>Handles recovery messages of type <typeparamref name="T"/> (optionally only those matching <paramref name="shouldHandle"/>).</summary>
    protected void Recover<T>(Action<T> handler, Predicate<T>? shouldHandle = null) => _recoverHandlers.Add(Wrap(handler, shouldHandle));

    /// <summary>Handles commands of type <typeparamref name="T"/> (optionally only those matching <paramref name="shouldHandle"/>).</summary>
    protected void Command<T>(Action<T> handler, Predicate<T>? shouldHandle = null) => _commandHandlers.Add(Wrap(handler, shouldHandle));

    /// <inheritdoc/>
    protected sealed override bool ReceiveRecover(object message) => Dispatch(_recoverHandlers, message);

    /// <inheritdoc/>
    protected sealed override bool ReceiveCommand(object message) => Dispatch(_commandHandlers, message);

    private static Func<object, bool> Wrap<T>(Action<T> handler, Predicate<T>? shouldHandle)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return message =>
        {
            if (message is T typed && (shouldHandle is null || shouldHandle(typed)))
            {
                handler(typed);
                return true;
            }

            return false;
        };
    }

    private static bool Dispatch(List<Func<object, bool>> handlers, object message)
    {
        foreach (var handler in handlers)
        {
            if (handler(message))
            {
                return true;
            }
        }

        return false;
    }
}
