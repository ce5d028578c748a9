using FedActors.Actors.Core;

namespace FedActors.Cluster.Daemon;

// Local messages of the cluster daemon; they never cross the network, so they are plain records.

/// <summary>Subscribe to member events; the subscriber first gets the current state.</summary>
internal sealed record Subscribe(IActorRef Subscriber);

/// <summary>Stop delivering member events to the subscriber.</summary>
internal sealed record Unsubscribe(IActorRef Subscriber);

/// <summary>Leave the cluster gracefully.</summary>
internal sealed record LeaveRequest
{
    public static LeaveRequest Instance { get; } = new();
}

/// <summary>Down every incarnation at the address.</summary>
internal sealed record DownRequest(Address Address);

internal sealed record JoinTick
{
    public static JoinTick Instance { get; } = new();
}

internal sealed record SeedTimeout
{
    public static SeedTimeout Instance { get; } = new();
}

internal sealed record GossipTick
{
    public static GossipTick Instance { get; } = new();
}

internal sealed record HeartbeatTick
{
    public static HeartbeatTick Instance { get; } = new();
}

internal sealed record ShutdownNow
{
    public static ShutdownNow Instance { get; } = new();
}
