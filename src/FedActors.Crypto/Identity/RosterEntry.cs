using FedActors.Crypto.Envelope;

namespace FedActors.Crypto.Identity;

/// <summary>One identity a federation admits: its node name, its role and the SHA-256 fingerprint of its certificate.</summary>
public sealed record RosterEntry
{
    /// <summary>Creates an entry, validating the name.</summary>
    /// <exception cref="ArgumentException">The name is not a valid node name.</exception>
    public RosterEntry(string name, NodeRole role, Fingerprint fingerprint)
    {
        Name = NodeName.Validate(name);
        Role = role;
        Fingerprint = fingerprint ?? throw new ArgumentNullException(nameof(fingerprint));
    }

    /// <summary>The node name, equal to its certificate's DNS name.</summary>
    public string Name { get; }

    /// <summary>The role the node is admitted with.</summary>
    public NodeRole Role { get; }

    /// <summary>SHA-256 of the node certificate's DER encoding.</summary>
    public Fingerprint Fingerprint { get; }
}
