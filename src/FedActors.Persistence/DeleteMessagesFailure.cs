using FedActors.Actors.Serialization;

namespace FedActors.Persistence;

/// <summary>Sent to the actor when <see cref="PersistentActor.DeleteMessages"/> failed; nothing was deleted. Local only: it never crosses a process boundary.</summary>
/// <param name="Cause">Why.</param>
/// <param name="ToSequenceNr">The requested bound.</param>
public sealed record DeleteMessagesFailure(Exception Cause, long ToSequenceNr) : INoSerializationVerificationNeeded;
