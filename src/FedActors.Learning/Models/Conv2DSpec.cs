using FedActors.Learning.Kernels.Gemm;
using FedActors.Learning.Layers;
using FedActors.Learning.Tensors;

namespace FedActors.Learning.Models;

/// <summary>A stride-1 convolution (<see cref="Conv2DLayer"/>).</summary>
/// <param name="Filters">Number of output channels, > 0.</param>
/// <param name="KernelSize">Side of the square kernel (odd with 'same' padding).</param>
/// <param name="Padding">Border handling.</param>
public sealed record Conv2DSpec(int Filters, int KernelSize, Padding Padding = Padding.Same) : LayerSpec
{
    internal override Layer Build(TensorShape input, IGemm gemm) => new Conv2DLayer(input, Filters, KernelSize, Padding, gemm);
}
