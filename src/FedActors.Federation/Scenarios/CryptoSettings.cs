namespace FedActors.Federation.Scenarios;

/// <summary><c>scenario.crypto</c>, with the automatic values (0) already resolved.</summary>
/// <param name="Parameters">The named CKKS parameter set.</param>
/// <param name="Encoding"><c>coefficients</c> or <c>slots</c>.</param>
/// <param name="CommitteeSize">Key holders per epoch, 1..clients.</param>
/// <param name="Threshold">t, 1..committee size.</param>
/// <param name="SpareHolders">Re-key when fewer than t + spare holders remain.</param>
/// <param name="RotateEvery">Re-key every this many rounds (0 = never on schedule).</param>
/// <param name="VerifyAggregate">Key holders check the ciphertext against the signed contributions.</param>
/// <param name="DeterministicRandomness">Seeded encryption randomness for bit-for-bit replay.</param>
public sealed record CryptoSettings(
    string Parameters,
    string Encoding,
    int CommitteeSize,
    int Threshold,
    int SpareHolders,
    int RotateEvery,
    bool VerifyAggregate,
    bool DeterministicRandomness)
{
    /// <summary>The parameter set names the federation accepts.</summary>
    public static IReadOnlyList<string> ParameterSets { get; } = ["aggregation-default"];

    /// <summary>The encodings, as documented.</summary>
    public static IReadOnlyList<string> Encodings { get; } = ["coefficients", "slots"];

    /// <summary>The default committee size for <paramref name="clients"/> clients: min(clients, 50).</summary>
    /// <param name="clients">Clients in the federation.</param>
    /// <returns>The committee size.</returns>
    public static int DefaultCommitteeSize(int clients) => Math.Min(clients, 50);

    /// <summary>The default threshold for a committee: a majority, ⌊size / 2⌋ + 1.</summary>
    /// <param name="committeeSize">The committee size.</param>
    /// <returns>The threshold.</returns>
    public static int DefaultThreshold(int committeeSize) => (committeeSize / 2) + 1;
}
