using FedActors.Learning.Data;

namespace FedActors.Learning.Partitions;

/// <summary>
/// An assignment of data-set samples to clients: for each client, the indices of its samples.
/// The partitioners guarantee the clients' index sets are disjoint and together cover the data set.
/// </summary>
public sealed class Partition
{
    private readonly int[][] _clients;

    /// <summary>Wraps per-client index arrays (no copy).</summary>
    /// <exception cref="ArgumentException">There are no clients.</exception>
    public Partition(int[][] clients)
    {
        if (clients.Length == 0)
        {
            throw new ArgumentException("A partition needs at least one client.", nameof(clients));
        }
        _clients = clients;
    }

    /// <summary>Number of clients.</summary>
    public int ClientCount => _clients.Length;

    /// <summary>The sample indices of <paramref name="client"/>.</summary>
    public ReadOnlySpan<int> Indices(int client) => _clients[client];

    /// <summary>The number of samples of each client.</summary>
    public int[] Sizes() => _clients.Select(c => c.Length).ToArray();

    /// <summary>How many samples of each label <paramref name="client"/> holds in <paramref name="data"/> (length = classes).</summary>
    public int[] LabelHistogram(int client, Dataset data)
    {
        var counts = new int[data.Classes];
        foreach (var index in _clients[client])
        {
            counts[data.Labels[index]]++;
        }
        return counts;
    }

    /// <summary>The label histogram of every client, for reports.</summary>
    public int[][] LabelHistograms(Dataset data) =>
        Enumerable.Range(0, ClientCount).Select(c => LabelHistogram(c, data)).ToArray();
}
