using FedActors.Actors.Serialization;

namespace FedActors.Actors.Core;

/// <summary>Makes the recipient fail with <see cref="ActorKilledException"/> when it reaches this message; its supervisor decides (by default: stop).</summary>
public sealed class Kill : IAutoReceivedMessage, INoSerializationVerificationNeeded
{
    private Kill()
    {
    }

    /// <summary>The single instance.</summary>
    public static Kill Instance { get; } = new();

    /// <inheritdoc/>
    public override string ToString() => "Kill";
}
