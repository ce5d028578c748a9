namespace FedActors.Crypto.Identity;

/// <summary>Text form of <see cref="NodeRole"/>, as rosters and the command line write it.</summary>
public static class NodeRoles
{
    /// <summary>The role names accepted, in declaration order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["coordinator", "key-manager", "client"];

    /// <summary>The roster name of <paramref name="role"/>.</summary>
    public static string ToName(NodeRole role) => role switch
    {
        NodeRole.Coordinator => "coordinator",
        NodeRole.KeyManager => "key-manager",
        NodeRole.Client => "client",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "unknown node role"),
    };

    /// <summary>Parses a role name, case-insensitively.</summary>
    /// <exception cref="FormatException">The name is not one of <see cref="Names"/>; the message lists them.</exception>
    public static NodeRole Parse(string name) => name?.Trim().ToLowerInvariant() switch
    {
        "coordinator" => NodeRole.Coordinator,
        "key-manager" => NodeRole.KeyManager,
        "client" => NodeRole.Client,
        _ => throw new FormatException($"role '{name}' is unknown; expected one of: {string.Join(", ", Names)}"),
    };
}
