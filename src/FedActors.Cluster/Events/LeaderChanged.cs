using FedActors.Actors.Core;

namespace FedActors.Cluster.Events;

/// <summary>The leader changed; <paramref name="Leader"/> is null while there is none (e.g. before joining).</summary>
/// <param name="Leader">The new leader's address.</param>
public sealed record LeaderChanged(Address? Leader) : IClusterDomainEvent;
