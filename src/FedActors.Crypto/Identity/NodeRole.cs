namespace FedActors.Crypto.Identity;

/// <summary>The role an identity is admitted with; written in rosters as <c>coordinator</c>, <c>key-manager</c> or <c>client</c>.</summary>
public enum NodeRole
{
    /// <summary>Runs rounds and aggregates (<c>coordinator</c>).</summary>
    Coordinator,

    /// <summary>Runs the key ceremonies (<c>key-manager</c>).</summary>
    KeyManager,

    /// <summary>A data owner that trains and holds key shares (<c>client</c>).</summary>
    Client,
}
