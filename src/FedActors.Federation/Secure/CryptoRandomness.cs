using FedActors.Crypto.Ring;

namespace FedActors.Federation.Secure;

/// <summary>
/// Where a simulated party's cryptographic randomness comes from: the OS CSPRNG (<see cref="SystemRandomSource"/>),
/// or, when the scenario sets <c>crypto.deterministic-randomness = on</c>, an AES-CTR stream
/// (<see cref="SeededRandomSource"/>) derived from the scenario's seed, the party, the purpose and a number, so a whole
/// run replays bit for bit. Deterministic sources are never shared between purposes, so the order in which a party
/// handles its messages cannot change what it draws.
/// </summary>
public sealed class CryptoRandomness
{
    private readonly long _seed;

    /// <summary>Creates the randomness of a run with scenario seed <paramref name="seed"/>.</summary>
    /// <param name="deterministic">True for seeded, replayable randomness (simulations only).</param>
    /// <param name="seed">The scenario's seed.</param>
    public CryptoRandomness(bool deterministic, long seed)
    {
        IsDeterministic = deterministic;
        _seed = seed;
    }

    /// <summary>True when every source is seeded (bit-for-bit replay).</summary>
    public bool IsDeterministic { get; }

    /// <summary>The source of <paramref name="party"/> for <paramref name="purpose"/> number <paramref name="number"/> (an epoch or a round).</summary>
    public IRandomSource For(string purpose, string party, long number) =>
        IsDeterministic ? SeededRandomSource.FromLabel($"fedactors/{_seed}/{party}/{purpose}", number) : SystemRandomSource.Instance;
}
