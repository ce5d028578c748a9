using FedActors.Actors.Core;
using FedActors.Remote.Endpoint;

namespace FedActors.Remote;

/// <summary>
/// The awaiting send path for producers that must not lose messages to a full send queue (bulk contributions,
/// streams of model updates): <c>Tell</c> drops (or throws) when the association's queue is full, while
/// <see cref="SendAsync"/> waits for room.
/// </summary>
public static class RemoteSendExtensions
{
    /// <summary>
    /// Sends <paramref name="message"/> to <paramref name="recipient"/>. For an actor of another system the message
    /// is serialized on the caller's thread and the returned task completes once it is queued on the association to
    /// that system; while the queue holds <c>fedactors.remote.send-queue-size</c> messages or at least
    /// <c>send-queue-bytes</c> payload bytes, it waits instead of dropping, so a producer that awaits every send
    /// keeps the queue's memory bounded. Delivery stays at most once: a queued message can still be lost with its
    /// connection. For a local actor this is <c>Tell</c> and completes at once.
    /// </summary>
    /// <param name="recipient">The recipient, local or remote.</param>
    /// <param name="message">The message; it must be serializable when the recipient is remote.</param>
    /// <param name="sender">The sender replies go to, or null.</param>
    /// <param name="cancellationToken">Stops waiting; the message is then not queued. While a peer is unreachable its
    /// queue does not drain, so pass a token with a deadline when the wait must be bounded.</param>
    /// <exception cref="OperationCanceledException">The token was cancelled before the message was queued.</exception>
    /// <exception cref="InvalidOperationException">The remote transport stopped before the message was queued.</exception>
    public static ValueTask SendAsync(this IActorRef recipient, object message, IActorRef? sender = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(message);
        if (recipient is RemoteActorRef remote)
        {
            return remote.SendAsync(message, sender, cancellationToken);
        }
        recipient.Tell(message, sender);
        return ValueTask.CompletedTask;
    }
}
