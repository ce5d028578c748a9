using FedActors.Learning.Kernels.Gemm;
using FedActors.Learning.Layers;
using FedActors.Learning.Tensors;

namespace FedActors.Learning.Models;

/// <summary>Non-overlapping max pooling (<see cref="MaxPool2DLayer"/>).</summary>
/// <param name="Size">Window side and stride, > 0.</param>
public sealed record MaxPool2DSpec(int Size = 2) : LayerSpec
{
    internal override Layer Build(TensorShape input, IGemm gemm) => new MaxPool2DLayer(input, Size);
}
