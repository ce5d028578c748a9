namespace FedActors.Federation.Metrics;

/// <summary>Bytes one role sent and received in a round (serialized message sizes).</summary>
/// <param name="Sent">Bytes sent, ≥ 0.</param>
/// <param name="Received">Bytes received, ≥ 0.</param>
public sealed record ByteCounts(long Sent, long Received)
{
    /// <summary>No traffic.</summary>
    public static ByteCounts None { get; } = new(0, 0);

    /// <summary>The element-wise sum.</summary>
    /// <param name="other">The counts to add.</param>
    /// <returns>A new total.</returns>
    public ByteCounts Plus(ByteCounts other) => new(Sent + other.Sent, Received + other.Received);
}
