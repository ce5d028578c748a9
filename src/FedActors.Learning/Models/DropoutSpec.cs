using FedActors.Learning.Kernels.Gemm;
using FedActors.Learning.Layers;
using FedActors.Learning.Tensors;

namespace FedActors.Learning.Models;

/// <summary>Inverted dropout (<see cref="DropoutLayer"/>).</summary>
/// <param name="Rate">Drop probability in [0, 1).</param>
public sealed record DropoutSpec(float Rate) : LayerSpec
{
    internal override Layer Build(TensorShape input, IGemm gemm) => new DropoutLayer(input, Rate);
}
