using FedActors.Learning.Data;
using FedActors.Learning.Randomness;

namespace FedActors.Learning.Partitions;

/// <summary>
/// Splits a data set over clients by a <see cref="PartitionSpec"/>. The result depends only on the
/// labels, the spec, the client count and the seed; every sample goes to exactly one client and
/// every client gets at least one sample.
/// </summary>
public static class Partitioner
{
    /// <summary>Partitions <paramref name="data"/> over <paramref name="clients"/> clients.</summary>
    /// <exception cref="ArgumentException">There are more clients than samples, or the spec is invalid.</exception>
    public static Partition Split(Dataset data, int clients, PartitionSpec spec, ulong seed) =>
        Split(data.Labels, data.Classes, clients, spec, seed);

    /// <summary>Partitions samples with the given <paramref name="labels"/> over <paramref name="clients"/> clients.</summary>
    /// <exception cref="ArgumentException">There are more clients than samples, or the spec is invalid.</exception>
    public static Partition Split(ReadOnlySpan<int> labels, int classes, int clients, PartitionSpec spec, ulong seed)
    {
        spec.Validate();
        if (clients <= 0 || clients > labels.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(clients), clients, $"federation.clients must be in [1, {labels.Length}] (the number of training samples), was {clients}");
        }
        var random = new SeededRandom(seed);
        var parts = spec.Scheme switch
        {
            PartitionScheme.Iid => Iid(labels.Length, clients, random),
            PartitionScheme.Shards => Shards(labels, clients, random),
            PartitionScheme.Dirichlet => Dirichlet(labels, classes, clients, spec.Alpha, random),
            _ => QuantitySkew(labels.Length, clients, spec.Sigma, random),
        };
        return new Partition(parts);
    }

    private static int[][] Iid(int samples, int clients, SeededRandom random)
    {
        var order = Enumerable.Range(0, samples).ToArray();
        random.Shuffle(order.AsSpan());
        var sizes = new int[clients];
        for (var k = 0; k < clients; k++)
        {
            sizes[k] = samples / clients + (k < samples % clients ? 1 : 0);
        }
        return Cut(order, sizes);
    }

    private static int[][] Shards(ReadOnlySpan<int> labels, int clients, SeededRandom random)
    {
        // McMahan et al. 2017, section 3: sort by label, 2·clients shards, two random shards per client.
        // A seeded shuffle before the stable sort makes the order within each label random but reproducible.
        var order = Enumerable.Range(0, labels.Length).ToArray();
        random.Shuffle(order.AsSpan());
        var keys = labels.ToArray();
        order = order.OrderBy(i => keys[i]).ToArray();
        var shards = Math.Min(2 * clients, labels.Length);
        var shardSizes = new int[shards];
        for (var s = 0; s < shards; s++)
        {
            shardSizes[s] = labels.Length / shards + (s < labels.Length % shards ? 1 : 0);
        }
        var shardStarts = new int[shards];
        for (var s = 1; s < shards; s++)
        {
            shardStarts[s] = shardStarts[s - 1] + shardSizes[s - 1];
        }
        var shardIds = Enumerable.Range(0, shards).ToArray();
        random.Shuffle(shardIds.AsSpan());
        var parts = new List<int>[clients];
        for (var k = 0; k < clients; k++)
        {
            parts[k] = [];
        }
        for (var i = 0; i < shards; i++)
        {
            var s = shardIds[i];
            parts[i % clients].AddRange(order.AsSpan(shardStarts[s], shardSizes[s]));
        }
        return parts.Select(p => p.ToArray()).ToArray();
    }

    private static int[][] Dirichlet(ReadOnlySpan<int> labels, int classes, int clients, double alpha, SeededRandom random)
    {
        // Hsu, Qi and Brown 2019: for each class, client proportions p ~ Dir(alpha·1), then the class's
        // shuffled samples are cut at the cumulative proportions.
        var parts = new List<int>[clients];
        for (var k = 0; k < clients; k++)
        {
            parts[k] = [];
        }
        var byClass = new List<int>[classes];
        for (var c = 0; c < classes; c++)
        {
            byClass[c] = [];
        }
        for (var i = 0; i < labels.Length; i++)
        {
            byClass[labels[i]].Add(i);
        }
        var proportions = new double[clients];
        for (var c = 0; c < classes; c++)
        {
            var members = byClass[c].ToArray();
            random.Shuffle(members.AsSpan());
            double sum = 0;
            for (var k = 0; k < clients; k++)
            {
                proportions[k] = random.NextGamma(alpha);
                sum += proportions[k];
            }
            double cumulative = 0;
            var start = 0;
            for (var k = 0; k < clients; k++)
            {
                cumulative += proportions[k];
                var end = k == clients - 1 || sum == 0 ? members.Length : (int)Math.Round(cumulative / sum * members.Length);
                end = Math.Clamp(end, start, members.Length);
                parts[k].AddRange(members.AsSpan(start, end - start));
                start = end;
            }
        }
        FillEmpty(parts);
        return parts.Select(p => p.ToArray()).ToArray();
    }

    private static int[][] QuantitySkew(int samples, int clients, double sigma, SeededRandom random)
    {
        var order = Enumerable.Range(0, samples).ToArray();
        random.Shuffle(order.AsSpan());
        var weights = new double[clients];
        for (var k = 0; k < clients; k++)
        {
            weights[k] = Math.Exp(sigma * random.NextGaussian());
        }
        var total = weights.Sum();
        // Every client gets one sample; the rest is shared in proportion to the log-normal weights.
        var spare = samples - clients;
        var sizes = new int[clients];
        double cumulative = 0;
        var assigned = 0;
        for (var k = 0; k < clients; k++)
        {
            cumulative += weights[k];
            var end = k == clients - 1 ? spare : (int)Math.Round(cumulative / total * spare);
            sizes[k] = 1 + end - assigned;
            assigned = end;
        }
        return Cut(order, sizes);
    }

    private static int[][] Cut(int[] order, int[] sizes)
    {
        var parts = new int[sizes.Length][];
        var start = 0;
        for (var k = 0; k < sizes.Length; k++)
        {
            parts[k] = order.AsSpan(start, sizes[k]).ToArray();
            start += sizes[k];
        }
        return parts;
    }

    private static void FillEmpty(List<int>[] parts)
    {
        // Very small alpha can leave a client with nothing; move one sample from the largest client,
        // which keeps the partition disjoint and covering and changes its skew negligibly.
        foreach (var part in parts)
        {
            if (part.Count > 0)
            {
                continue;
            }
            var largest = parts.MaxBy(p => p.Count)!;
            part.Add(largest[^1]);
            largest.RemoveAt(largest.Count - 1);
        }
    }
}
