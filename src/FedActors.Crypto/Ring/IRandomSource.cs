namespace FedActors.Crypto.Ring;

/// <summary>
/// A source of random bytes for the samplers. Secret material comes from <see cref="SystemRandomSource"/> unless a
/// deterministic source (<see cref="SeededRandomSource"/>) is injected on purpose for bit-for-bit replay; public
/// common randomness comes from <see cref="Shake128Stream"/>.
/// </summary>
public interface IRandomSource
{
    /// <summary>True when the bytes are reproducible from a seed (never acceptable for secrets in cluster mode).</summary>
    bool IsDeterministic { get; }

    /// <summary>Fills <paramref name="destination"/> with the next random bytes of the source.</summary>
    void Fill(Span<byte> destination);
}
