namespace FedActors.Learning.Data;

/// <summary>Loads a data set by its scenario name (<c>data.set</c>).</summary>
public static class DatasetCatalog
{
    /// <summary>The accepted names.</summary>
    public static IReadOnlyList<string> Names { get; } = ["mnist", "fashion-mnist", "synthetic", "breast-cancer"];

    /// <summary>
    /// Loads <paramref name="name"/>: <c>mnist</c>, <c>fashion-mnist</c>, <c>breast-cancer</c> (split by
    /// <paramref name="seed"/>) or <c>synthetic</c> (FedProx Synthetic(<paramref name="alpha"/>,
    /// <paramref name="beta"/>) for <paramref name="clients"/> clients, generated from <paramref name="seed"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The name is unknown.</exception>
    /// <exception cref="DataSourceException">The source is missing (the message gives the install command).</exception>
    public static DataSplit Load(string name, DataCache cache, ulong seed, double alpha = 1, double beta = 1, int clients = 30) => name switch
    {
        "mnist" => new MnistSource(cache).Load(),
        "fashion-mnist" => new FashionMnistSource().Load(),
        "breast-cancer" => new BreastCancerSource(cache).Load(seed),
        "synthetic" => FedProxSynthetic.Generate(alpha, beta, clients, seed),
        _ => throw new ArgumentException($"data.set must be one of {string.Join(", ", Names)}, was '{name}'."),
    };
}
