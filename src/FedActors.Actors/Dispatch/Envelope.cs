using FedActors.Actors.Core;

namespace FedActors.Actors.Dispatch;

/// <summary>A user message with its sender, as it sits in a mailbox. A struct, so queuing a message allocates nothing.</summary>
internal readonly record struct Envelope(object Message, IActorRef? Sender);
