namespace FedActors.Federation.Scenarios;

/// <summary><c>scenario.model</c>: a named architecture or a layer list.</summary>
/// <param name="Type"><c>logreg</c>, <c>mlp</c>, <c>cnn-mcmahan</c> or <c>layers</c>.</param>
/// <param name="Hidden">mlp: hidden layer widths.</param>
/// <param name="Layers">layers: the layer list (empty for named architectures).</param>
public sealed record ModelSettings(string Type, IReadOnlyList<int> Hidden, IReadOnlyList<LayerSettings> Layers)
{
    /// <summary>The model types, as documented.</summary>
    public static IReadOnlyList<string> Types { get; } = ["logreg", "mlp", "cnn-mcmahan", "layers"];
}
