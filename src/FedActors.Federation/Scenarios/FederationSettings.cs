using FedActors.Federation.Aggregation;

namespace FedActors.Federation.Scenarios;

/// <summary><c>scenario.federation</c>: who takes part, when a round completes, and how updates are combined.</summary>
/// <param name="Clients">Clients in the federation (≥ 1).</param>
/// <param name="ClientsPerRound">Selected per round, 1..clients.</param>
/// <param name="MinContributions">Accepted contributions a round needs, 1..clients-per-round.</param>
/// <param name="RoundTimeout">Round deadline (&gt; 0).</param>
/// <param name="Aggregation"><c>secure-sum</c> or a plaintext aggregator name (<see cref="AggregatorFactory.Names"/>).</param>
/// <param name="ClipNorm">Honest clients' clip norm (0 = off).</param>
/// <param name="Robust">Parameters of the robust aggregators.</param>
/// <param name="ReplayProtection">Signed envelopes with duplicate and stale-round rejection.</param>
public sealed record FederationSettings(
    int Clients,
    int ClientsPerRound,
    int MinContributions,
    TimeSpan RoundTimeout,
    string Aggregation,
    double ClipNorm,
    RobustAggregationOptions Robust,
    bool ReplayProtection)
{
    /// <summary>The name of the encrypted aggregation.</summary>
    public const string SecureSum = "secure-sum";

    /// <summary>Every valid <c>aggregation</c> value.</summary>
    public static IReadOnlyList<string> Aggregations { get; } = [SecureSum, .. AggregatorFactory.Names];

    /// <summary>True when contributions are encrypted and summed (secure-sum); false in plaintext mode.</summary>
    public bool IsSecure => Aggregation == SecureSum;

    /// <summary><c>secure-sum</c> or <c>plaintext</c>: the mode metrics and reports show.</summary>
    public string Mode => IsSecure ? SecureSum : "plaintext";

    /// <summary>The plaintext aggregator of this federation.</summary>
    /// <returns>A new aggregator.</returns>
    /// <exception cref="InvalidOperationException">The federation is in secure-sum mode, which has no plaintext aggregator.</exception>
    public IAggregator CreateAggregator() => IsSecure
        ? throw new InvalidOperationException("federation.aggregation = secure-sum sums ciphertexts; there is no plaintext aggregator to create.")
        : AggregatorFactory.Create(Aggregation, Robust);
}
