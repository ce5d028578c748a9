namespace FedActors.Actors.Core;

/// <summary>Request-reply from outside an actor (or from an async handler): <c>await actor.Ask&lt;Pong&gt;(new Ping())</c>.</summary>
public static class AskExtensions
{
    /// <summary>
    /// Sends <paramref name="message"/> with a temporary sender and completes with the first reply.
    /// A <see cref="Status.Failure"/> reply fails the task with its cause; no reply within
    /// <paramref name="timeout"/> (default: <c>fedactors.actor.ask-timeout</c>, measured on the system's
    /// clock) fails it with <see cref="AskTimeoutException"/>.
    /// </summary>
    public static Task<object> Ask(this IActorRef recipient, object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(message);
        if (recipient is not IInternalActorRef { System: var system })
        {
            throw new ArgumentException($"{recipient.Path} is not a reference created by an actor system; Ask needs one.", nameof(recipient));
        }
        var wait = timeout ?? system.Settings.AskTimeout;
        if (wait <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "An Ask timeout must be positive.");
        }
        var promise = new PromiseActorRef(system, system.LocalProvider, recipient, message, wait, cancellationToken);
        recipient.Tell(message, promise);
        return promise.Task;
    }

    /// <summary>As <see cref="Ask(IActorRef, object, TimeSpan?, CancellationToken)"/>, expecting a reply of type <typeparamref name="T"/>.</summary>
    /// <exception cref="InvalidCastException">The reply has another type.</exception>
    public static async Task<T> Ask<T>(this IActorRef recipient, object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var reply = await Ask(recipient, message, timeout, cancellationToken).ConfigureAwait(false);
        return reply is T typed
            ? typed
            : throw new InvalidCastException($"Ask to {recipient.Path} expected a reply of type {typeof(T).Name}, got {reply.GetType().Name}: {reply}");
    }
}
