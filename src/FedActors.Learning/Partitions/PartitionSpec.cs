namespace FedActors.Learning.Partitions;

/// <summary>A partition scheme and its parameters, as plain values (<c>data.partition</c>).</summary>
/// <param name="Scheme">The scheme.</param>
/// <param name="Alpha">Dirichlet concentration (<c>alpha</c>), > 0; smaller is more skewed.</param>
/// <param name="Sigma">Log-normal spread of client sizes for quantity skew (<c>sigma</c>), > 0.</param>
public sealed record PartitionSpec(PartitionScheme Scheme, double Alpha = 0.5, double Sigma = 1.0)
{
    /// <summary>Parses a scheme name: <c>iid</c>, <c>shards</c>, <c>dirichlet</c> or <c>quantity-skew</c>.</summary>
    /// <exception cref="ArgumentException">The name is none of these.</exception>
    public static PartitionScheme ParseScheme(string name) => name switch
    {
        "iid" => PartitionScheme.Iid,
        "shards" => PartitionScheme.Shards,
        "dirichlet" => PartitionScheme.Dirichlet,
        "quantity-skew" => PartitionScheme.QuantitySkew,
        _ => throw new ArgumentException($"data.partition.scheme must be iid, shards, dirichlet or quantity-skew, was '{name}'."),
    };

    /// <summary>Throws unless the parameters are in range, naming the key and value.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range.</exception>
    public void Validate()
    {
        if (!(Alpha > 0) || double.IsInfinity(Alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, $"data.partition.alpha must be > 0, was {Alpha}");
        }
        if (!(Sigma > 0) || double.IsInfinity(Sigma))
        {
            throw new ArgumentOutOfRangeException(nameof(Sigma), Sigma, $"data.partition.sigma must be > 0, was {Sigma}");
        }
    }
}
