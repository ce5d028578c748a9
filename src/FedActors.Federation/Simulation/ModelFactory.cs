using FedActors.Federation.Scenarios;
using FedActors.Learning.Models;
using FedActors.Learning.Tensors;

namespace FedActors.Federation.Simulation;

/// <summary>Builds the model a scenario names: a named architecture (<c>logreg</c>, <c>mlp</c>, <c>cnn-mcmahan</c>) or a layer list (<c>type = layers</c>).</summary>
public static class ModelFactory
{
    /// <summary>The architecture of <paramref name="model"/> for inputs of <paramref name="inputShape"/> and <paramref name="classes"/> classes.</summary>
    /// <param name="model">The scenario's model section.</param>
    /// <param name="inputShape">One sample's shape.</param>
    /// <param name="classes">Number of classes (a layer list must end in a layer of this many outputs).</param>
    /// <returns>The model specification.</returns>
    /// <exception cref="ArgumentException">The layers do not fit the data's shape.</exception>
    public static ModelSpec Create(ModelSettings model, TensorShape inputShape, int classes)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Type == "layers"
            ? ModelSpec.FromLayers("layers", inputShape, classes, model.Layers.Select(Layer).ToArray())
            : ModelSpec.Named(model.Type, inputShape, classes, model.Hidden.Count == 0 ? null : model.Hidden);
    }

    private static LayerSpec Layer(LayerSettings layer) => layer.Type switch
    {
        "dense" => new DenseSpec(layer.Units),
        "conv2d" => new Conv2DSpec(layer.Filters, layer.Kernel),
        "maxpool2d" => new MaxPool2DSpec(layer.Size),
        "relu" => new ReluSpec(),
        "flatten" => new FlattenSpec(),
        "dropout" => new DropoutSpec((float)layer.Rate),
        _ => throw new NotSupportedException($"model.layers: a layer of type {layer.Type} is not known; valid: {string.Join(", ", LayerSettings.Keys.Keys)}"),
    };
}
