namespace FedActors.Actors.Shutdown;

/// <summary>Why a coordinated shutdown runs; the first caller of <see cref="CoordinatedShutdown.Run"/> sets it.</summary>
/// <param name="Name">A short name such as "host-stopping".</param>
public sealed record CoordinatedShutdownReason(string Name)
{
    /// <summary>The shutdown was requested by application code.</summary>
    public static CoordinatedShutdownReason Unknown { get; } = new("unknown");

    /// <summary>The generic host is stopping (Ctrl+C, SIGTERM, <c>StopApplication</c>).</summary>
    public static CoordinatedShutdownReason HostStopping { get; } = new("host-stopping");

    /// <summary>The node leaves its cluster.</summary>
    public static CoordinatedShutdownReason ClusterLeaving { get; } = new("cluster-leaving");
}
