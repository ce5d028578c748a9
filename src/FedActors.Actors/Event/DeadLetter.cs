using FedActors.Actors.Core;
using FedActors.Actors.Serialization;

namespace FedActors.Actors.Event;

/// <summary>Published on the event stream for a message that could not be delivered (recipient stopped, unknown path, full mailbox).</summary>
/// <param name="Message">The undelivered message.</param>
/// <param name="Sender">Its sender, if any.</param>
/// <param name="Recipient">The intended recipient.</param>
/// <param name="Reason">Why it was not delivered, e.g. "recipient stopped" or "mailbox full (capacity 100)".</param>
public sealed record DeadLetter(object Message, IActorRef? Sender, IActorRef Recipient, string Reason) : INoSerializationVerificationNeeded;
