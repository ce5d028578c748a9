using FedActors.Actors.Serialization;

namespace FedActors.Actors.Core;

/// <summary>Every actor answers this with <see cref="ActorIdentity"/>, carrying the same <paramref name="MessageId"/>.</summary>
/// <param name="MessageId">Correlates the answer with the question.</param>
public sealed record Identify(object? MessageId) : IAutoReceivedMessage, INoSerializationVerificationNeeded;
