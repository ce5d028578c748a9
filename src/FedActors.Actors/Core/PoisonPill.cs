using FedActors.Actors.Serialization;

namespace FedActors.Actors.Core;

/// <summary>Stops the recipient once it reaches this message; messages queued before it are processed first.</summary>
public sealed class PoisonPill : IAutoReceivedMessage, INoSerializationVerificationNeeded
{
    private PoisonPill()
    {
    }

    /// <summary>The single instance.</summary>
    public static PoisonPill Instance { get; } = new();

    /// <inheritdoc/>
    public override string ToString() => "PoisonPill";
}
