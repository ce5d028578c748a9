using FedActors.Learning.Kernels.Gemm;
using FedActors.Learning.Layers;
using FedActors.Learning.Tensors;

namespace FedActors.Learning.Models;

/// <summary>A ReLU activation (<see cref="ReluLayer"/>).</summary>
public sealed record ReluSpec : LayerSpec
{
    internal override Layer Build(TensorShape input, IGemm gemm) => new ReluLayer(input);
}
