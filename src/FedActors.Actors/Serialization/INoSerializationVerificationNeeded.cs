namespace FedActors.Actors.Serialization;

/// <summary>
/// Marks a message that never leaves its process (runtime control messages, messages holding
/// delegates or tasks), so the <c>serialize-messages</c> switch does not round-trip it.
/// </summary>
public interface INoSerializationVerificationNeeded;
