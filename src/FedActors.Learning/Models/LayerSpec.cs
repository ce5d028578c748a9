using FedActors.Learning.Kernels.Gemm;
using FedActors.Learning.Layers;
using FedActors.Learning.Tensors;

namespace FedActors.Learning.Models;

/// <summary>
/// A plain-value description of one layer in a <see cref="ModelSpec"/>; equal specs build equal
/// layers. Built into a <see cref="Layer"/> once the input shape is known.
/// </summary>
public abstract record LayerSpec
{
    private protected LayerSpec()
    {
    }

    /// <summary>Builds the layer for per-sample inputs of <paramref name="input"/>.</summary>
    internal abstract Layer Build(TensorShape input, IGemm gemm);
}
