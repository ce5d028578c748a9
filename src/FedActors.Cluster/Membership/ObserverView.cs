using System.Collections.Immutable;

namespace FedActors.Cluster.Membership;

/// <summary>One observer's reachability record: its version counter and the members it finds unreachable.</summary>
internal sealed record ObserverView(ulong Version, ImmutableHashSet<UniqueAddress> Unreachable);
