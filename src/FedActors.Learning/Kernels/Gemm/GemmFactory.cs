using FedActors.Learning.Kernels.Managed;
using FedActors.Learning.Kernels.OpenBlas;

namespace FedActors.Learning.Kernels.Gemm;

/// <summary>Chooses a matrix-multiply implementation for a <see cref="GemmBackend"/>.</summary>
public static class GemmFactory
{
    /// <summary>Returns the implementation for <paramref name="backend"/>; both are stateless and thread-safe.</summary>
    /// <exception cref="OpenBlasUnavailableException"><see cref="GemmBackend.OpenBlas"/> was asked for and the library does not load.</exception>
    public static IGemm Create(GemmBackend backend) => backend switch
    {
        GemmBackend.Managed => ManagedGemm.Instance,
        GemmBackend.OpenBlas => OpenBlasLibrary.IsAvailable
            ? OpenBlasGemm.Instance
            : throw new OpenBlasUnavailableException(),
        _ => OpenBlasLibrary.IsAvailable ? OpenBlasGemm.Instance : ManagedGemm.Instance,
    };
}
