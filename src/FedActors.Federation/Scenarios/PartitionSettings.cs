namespace FedActors.Federation.Scenarios;

/// <summary><c>scenario.data.partition</c>: how the training data is split among clients (depends on the seed only).</summary>
/// <param name="Scheme"><c>iid</c>, <c>shards</c>, <c>dirichlet</c> or <c>quantity-skew</c>.</param>
/// <param name="Alpha">Dirichlet concentration (&gt; 0).</param>
/// <param name="Sigma">Quantity-skew log-normal sigma (&gt; 0).</param>
public sealed record PartitionSettings(string Scheme, double Alpha, double Sigma)
{
    /// <summary>The scheme names, as documented.</summary>
    public static IReadOnlyList<string> Schemes { get; } = ["iid", "shards", "dirichlet", "quantity-skew"];
}
