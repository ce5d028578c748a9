namespace FedActors.Federation.Metrics;

/// <summary>Traffic per role in one round; <see cref="Clients"/> is the sum over every client.</summary>
/// <param name="Coordinator">The Coordinator's traffic.</param>
/// <param name="KeyManager">The KeyManager's traffic.</param>
/// <param name="Clients">All clients' traffic, summed.</param>
public sealed record RoleBytes(ByteCounts Coordinator, ByteCounts KeyManager, ByteCounts Clients)
{
    /// <summary>No traffic for any role.</summary>
    public static RoleBytes None { get; } = new(ByteCounts.None, ByteCounts.None, ByteCounts.None);

    /// <summary>The role-wise sum.</summary>
    /// <param name="other">The counts to add.</param>
    /// <returns>A new total.</returns>
    public RoleBytes Plus(RoleBytes other) =>
        new(Coordinator.Plus(other.Coordinator), KeyManager.Plus(other.KeyManager), Clients.Plus(other.Clients));
}
