namespace FedActors.Learning.Kernels.Gemm;

/// <summary>Which matrix-multiply implementation to use (<c>fedactors.learning.gemm-backend</c>).</summary>
public enum GemmBackend
{
    /// <summary>OpenBLAS when <c>libopenblas.so.0</c> loads, else the managed kernel.</summary>
    Auto,

    /// <summary>OpenBLAS only; failing to load it is an error.</summary>
    OpenBlas,

    /// <summary>The vectorized managed kernel.</summary>
    Managed,
}
