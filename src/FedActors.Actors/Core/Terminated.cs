using FedActors.Actors.Serialization;

namespace FedActors.Actors.Core;

/// <summary>
/// Delivered to an actor that watches <see cref="ActorRef"/> (see <see cref="IActorContext.Watch"/>)
/// when that actor has stopped, exactly once. An actor that does not handle it fails with
/// <see cref="DeathPactException"/>.
/// </summary>
/// <param name="ActorRef">The actor that stopped.</param>
/// <param name="ExistenceConfirmed">False when the actor was already gone (or never existed) when the watch began.</param>
public sealed record Terminated(IActorRef ActorRef, bool ExistenceConfirmed) : INoSerializationVerificationNeeded;
