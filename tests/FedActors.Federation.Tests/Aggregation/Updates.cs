using FedActors.Federation.Aggregation;

namespace FedActors.Federation.Tests.Aggregation;

/// <summary>Small builders for aggregation tests.</summary>
internal static class Updates
{
    public static ClientUpdate Of(string id, long samples, params float[] delta) => new(id, delta, samples);

    /// <summary>n honest updates near <paramref name="center"/> (uniform noise of ±spread), deterministic in seed.</summary>
    public static List<ClientUpdate> Honest(int n, int dimension, float center, float spread, int seed, string prefix = "h")
    {
        var random = new Random(seed);
        var list = new List<ClientUpdate>();
        for (var i = 0; i < n; i++)
        {
            var delta = new float[dimension];
            for (var j = 0; j < dimension; j++)
            {
                delta[j] = center + (float)((random.NextDouble() * 2 - 1) * spread);
            }

            list.Add(new ClientUpdate($"{prefix}{i:D3}", delta, 1 + random.Next(100)));
        }

        return list;
    }

    public static List<T> Shuffled<T>(IEnumerable<T> items, int seed)
    {
        var list = items.ToList();
        var random = new Random(seed);
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }

        return list;
    }
}
