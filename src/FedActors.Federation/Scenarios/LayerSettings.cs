namespace FedActors.Federation.Scenarios;

/// <summary>One layer of a <c>model { type = layers, layers = [...] }</c>; only the keys of its type are meaningful.</summary>
/// <param name="Type"><c>dense</c>, <c>conv2d</c>, <c>maxpool2d</c>, <c>relu</c>, <c>flatten</c> or <c>dropout</c>.</param>
/// <param name="Units">dense: output units (≥ 1).</param>
/// <param name="Filters">conv2d: output channels (≥ 1).</param>
/// <param name="Kernel">conv2d: kernel side (≥ 1).</param>
/// <param name="Size">maxpool2d: window side (≥ 1).</param>
/// <param name="Rate">dropout: drop probability in [0, 1).</param>
public sealed record LayerSettings(string Type, int Units = 0, int Filters = 0, int Kernel = 0, int Size = 0, double Rate = 0)
{
    /// <summary>Each layer type with the keys it takes (besides <c>type</c>).</summary>
    public static IReadOnlyDictionary<string, string[]> Keys { get; } = new Dictionary<string, string[]>
    {
        ["dense"] = ["units"],
        ["conv2d"] = ["filters", "kernel"],
        ["maxpool2d"] = ["size"],
        ["relu"] = [],
        ["flatten"] = [],
        ["dropout"] = ["rate"],
    };
}
