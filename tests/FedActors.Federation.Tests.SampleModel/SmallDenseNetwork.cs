using FedActors.Learning.Models;
using FedActors.Learning.Tensors;

namespace FedActors.Federation.Tests.SampleModel;

/// <summary>A small dense network: flatten, dense 16, ReLU, dense(classes) — the layers of <c>model { type = mlp, hidden = [16] }</c>.</summary>
public sealed class SmallDenseNetwork : IModelDefinition
{
    /// <summary>Hidden units.</summary>
    public const int Hidden = 16;

    /// <inheritdoc />
    public ModelSpec Define(TensorShape inputShape, int classes) =>
        ModelSpec.FromLayers("sample-small-dense", inputShape, classes,
        [
            new FlattenSpec(), new DenseSpec(Hidden), new ReluSpec(), new DenseSpec(classes),
        ]);
}
