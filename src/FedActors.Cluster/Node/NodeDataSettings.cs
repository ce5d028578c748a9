namespace FedActors.Cluster.Node;

/// <summary>
/// A client node's local data (<c>fedactors.node.data</c>): either a catalog data set and this client's partition
/// of it (<see cref="Set"/>, <see cref="PartitionIndex"/>), or a directory of the site's own IDX/CSV files
/// (<see cref="Path"/>). Exactly one of the two forms is set.
/// </summary>
public sealed class NodeDataSettings
{
    private NodeDataSettings(string? set, int? partitionIndex, string? path)
    {
        Set = set;
        PartitionIndex = partitionIndex;
        Path = path;
    }

    /// <summary>The catalog data set name (<c>set</c>), or null when the data is a directory.</summary>
    public string? Set { get; }

    /// <summary>This client's partition of <see cref="Set"/> (<c>partition-index</c>, &gt;= 0), or null when the data is a directory.</summary>
    public int? PartitionIndex { get; }

    /// <summary>The full path of the site's data directory (<c>path</c>), or null when the data is a catalog partition.</summary>
    public string? Path { get; }

    /// <summary>A catalog data set partition.</summary>
    public static NodeDataSettings FromCatalog(string set, int partitionIndex)
    {
        ArgumentException.ThrowIfNullOrEmpty(set);
        ArgumentOutOfRangeException.ThrowIfNegative(partitionIndex);
        return new NodeDataSettings(set, partitionIndex, null);
    }

    /// <summary>A directory of the site's own files.</summary>
    public static NodeDataSettings FromDirectory(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new NodeDataSettings(null, null, System.IO.Path.GetFullPath(path));
    }

    /// <summary><c>mnist partition 3</c> or <c>directory /data/site-a</c>.</summary>
    public override string ToString() => Set is not null ? $"{Set} partition {PartitionIndex}" : $"directory {Path}";
}
