using FedActors.Learning.Kernels.Gemm;
using FedActors.Learning.Layers;
using FedActors.Learning.Tensors;

namespace FedActors.Learning.Models;

/// <summary>Flattens each sample to a vector (<see cref="FlattenLayer"/>).</summary>
public sealed record FlattenSpec : LayerSpec
{
    internal override Layer Build(TensorShape input, IGemm gemm) => new FlattenLayer(input);
}
