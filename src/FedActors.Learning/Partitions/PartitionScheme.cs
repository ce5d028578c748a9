namespace FedActors.Learning.Partitions;

/// <summary>How samples are spread over clients (<c>data.partition.scheme</c>).</summary>
public enum PartitionScheme
{
    /// <summary><c>iid</c>: a seeded shuffle cut into equal parts.</summary>
    Iid,

    /// <summary><c>shards</c>: McMahan et al.'s pathological non-IID split: sort by label, cut 2·clients shards, two per client.</summary>
    Shards,

    /// <summary><c>dirichlet</c>: each class spread over clients in proportions drawn from Dirichlet(alpha).</summary>
    Dirichlet,

    /// <summary><c>quantity-skew</c>: IID labels, client sizes proportional to log-normal(0, sigma) draws.</summary>
    QuantitySkew,
}
