using FedActors.Actors.Core;

namespace FedActors.Actors.Dispatch;

/// <summary>
/// Thrown by <c>Tell</c> to a bounded mailbox with <see cref="OverflowStrategy.Fail"/> when it is full.
/// The message was published as a dead letter.
/// </summary>
public sealed class MailboxFullException : Exception
{
    /// <summary>Creates the exception for a recipient and its capacity.</summary>
    public MailboxFullException(ActorPath recipient, int capacity)
        : base($"The mailbox of {recipient} is full ({capacity} messages, overflow-strategy = fail); the message went to dead letters. Slow the sender down or raise the capacity.")
    {
        Recipient = recipient;
        Capacity = capacity;
    }

    /// <summary>The path of the actor whose mailbox was full, when known.</summary>
    public ActorPath Recipient { get; }

    /// <summary>The capacity of the full mailbox.</summary>
    public int Capacity { get; }
}
