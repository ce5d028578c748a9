using FedActors.Actors.Serialization;

namespace FedActors.Actors.Core;

/// <summary>The answer to <see cref="Identify"/>: the identified actor, or <c>null</c> when no actor lives at the path.</summary>
/// <param name="MessageId">The id sent in <see cref="Identify"/>.</param>
/// <param name="Subject">The actor, or <c>null</c>.</param>
public sealed record ActorIdentity(object? MessageId, IActorRef? Subject) : INoSerializationVerificationNeeded;
