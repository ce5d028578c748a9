namespace FedActors.Federation.Scenarios;

/// <summary><c>scenario.model</c>: a named architecture, a layer list, or model code from an encrypted assembly.</summary>
/// <param name="Type"><c>logreg</c>, <c>mlp</c>, <c>cnn-mcmahan</c> or <c>layers</c>; <c>assembly</c> when <c>model.assembly</c> is set.</param>
/// <param name="Hidden">mlp: hidden layer widths.</param>
/// <param name="Layers">layers: the layer list (empty for named architectures).</param>
/// <param name="Assembly">assembly: the encrypted model assembly and its key source (null otherwise).</param>
public sealed record ModelSettings(string Type, IReadOnlyList<int> Hidden, IReadOnlyList<LayerSettings> Layers, ModelAssemblySettings? Assembly = null)
{
    /// <summary>The <see cref="Type"/> of a model defined by an encrypted assembly (<c>model.assembly</c>).</summary>
    public const string AssemblyType = "assembly";

    /// <summary>The model types a scenario's <c>model.type</c> may name, as documented.</summary>
    public static IReadOnlyList<string> Types { get; } = ["logreg", "mlp", "cnn-mcmahan", "layers"];
}
