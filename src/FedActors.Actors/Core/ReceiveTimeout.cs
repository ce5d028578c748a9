using FedActors.Actors.Serialization;

namespace FedActors.Actors.Core;

/// <summary>Sent to an actor that received no message for its receive timeout (see <see cref="IActorContext.SetReceiveTimeout"/>).</summary>
public sealed class ReceiveTimeout : INoSerializationVerificationNeeded
{
    private ReceiveTimeout()
    {
    }

    /// <summary>The single instance.</summary>
    public static ReceiveTimeout Instance { get; } = new();

    /// <inheritdoc/>
    public override string ToString() => "ReceiveTimeout";
}
