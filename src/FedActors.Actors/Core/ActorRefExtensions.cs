namespace FedActors.Actors.Core;

/// <summary>Sending helpers on <see cref="IActorRef"/>.</summary>
public static class ActorRefExtensions
{
    /// <summary>
    /// Sends a message with the current actor as sender when called from inside an actor, and with
    /// no sender otherwise (so <c>Sender.Tell(reply)</c> inside a handler replies as <c>Self</c>).
    /// </summary>
    public static void Tell(this IActorRef recipient, object message)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        recipient.Tell(message, ActorCell.Current?.Self);
    }

    /// <summary>Sends a message on behalf of the current message's sender, keeping the original sender.</summary>
    /// <exception cref="InvalidOperationException">Called outside an actor.</exception>
    public static void Forward(this IActorRef recipient, object message)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        var cell = ActorCell.Current ?? throw new InvalidOperationException("Forward can only be called from inside an actor's message handler; use Tell(message, sender) elsewhere.");
        recipient.Tell(message, cell.CurrentSender);
    }
}
