namespace FedActors.Remote.Settings;

/// <summary>What a full association send queue does with a new message; either way the drop is counted.</summary>
public enum SendQueueOverflow
{
    /// <summary>The new message becomes a dead letter.</summary>
    DropNewest,

    /// <summary>The sender's <c>Tell</c> throws <see cref="Endpoint.SendQueueFullException"/>.</summary>
    Fail,
}
