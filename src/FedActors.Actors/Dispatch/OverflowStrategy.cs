namespace FedActors.Actors.Dispatch;

/// <summary>What a bounded mailbox does with a message that arrives when it is full.</summary>
public enum OverflowStrategy
{
    /// <summary>The arriving message is dropped and published as a <see cref="Event.DeadLetter"/>; the sender carries on.</summary>
    DropNewest,

    /// <summary>The arriving message is published as a <see cref="Event.DeadLetter"/> and the sender's
    /// <c>Tell</c> throws <see cref="MailboxFullException"/>, so a sending actor fails and its supervisor decides.</summary>
    Fail,
}
