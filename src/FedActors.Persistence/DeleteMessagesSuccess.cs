using FedActors.Actors.Serialization;

namespace FedActors.Persistence;

/// <summary>Sent to the actor when <see cref="PersistentActor.DeleteMessages"/> has marked its events as deleted. Local only: it never crosses a process boundary.</summary>
/// <param name="ToSequenceNr">Events up to this sequence number are deleted.</param>
public sealed record DeleteMessagesSuccess(long ToSequenceNr) : INoSerializationVerificationNeeded;
