using FedActors.Learning.Kernels.Gemm;
using FedActors.Learning.Layers;
using FedActors.Learning.Tensors;

namespace FedActors.Learning.Models;

/// <summary>A fully connected layer (<see cref="DenseLayer"/>).</summary>
/// <param name="Units">Number of outputs, > 0.</param>
public sealed record DenseSpec(int Units) : LayerSpec
{
    internal override Layer Build(TensorShape input, IGemm gemm) => new DenseLayer(input, Units, gemm);
}
