namespace FedActors.Federation.Aggregation;

/// <summary>Builds the plaintext aggregator a scenario names.</summary>
public static class AggregatorFactory
{
    /// <summary>The names <see cref="Create"/> accepts, in the order the documentation lists them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["mean", "median", "trimmed-mean", "krum", "multi-krum", "norm-bounded-mean"];

    /// <summary>Creates the aggregator called <paramref name="name"/> with its parameters from <paramref name="options"/>.</summary>
    /// <param name="name">One of <see cref="Names"/>.</param>
    /// <param name="options">The robust rules' parameters.</param>
    /// <returns>A new aggregator.</returns>
    /// <exception cref="ArgumentException">The name is not a plaintext aggregator (for example <c>secure-sum</c>, which sums ciphertexts instead).</exception>
    public static IAggregator Create(string name, RobustAggregationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return name switch
        {
            "mean" => new MeanAggregator(),
            "median" => new MedianAggregator(),
            "trimmed-mean" => new TrimmedMeanAggregator(options.TrimFraction),
            "krum" => KrumAggregator.Krum(options.ByzantineCount),
            "multi-krum" => KrumAggregator.MultiKrum(options.ByzantineCount, options.MultiKrumSelect),
            "norm-bounded-mean" => new NormBoundedMeanAggregator(options.NormBound),
            _ => throw new ArgumentException(
                $"'{name}' is not a plaintext aggregator; valid: {string.Join(", ", Names)}.", nameof(name)),
        };
    }
}
