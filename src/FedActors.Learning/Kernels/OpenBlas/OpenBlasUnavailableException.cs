namespace FedActors.Learning.Kernels.OpenBlas;

/// <summary>OpenBLAS was required (<c>gemm-backend = openblas</c>) but <c>libopenblas.so.0</c> could not be loaded.</summary>
public sealed class OpenBlasUnavailableException : Exception
{
    /// <summary>Creates the exception with the install command in its message.</summary>
    public OpenBlasUnavailableException()
        : base($"fedactors.learning.gemm-backend = openblas, but {OpenBlasLibrary.LibraryName} could not be loaded. " +
               "Install it with `apt-get install libopenblas0`, or set gemm-backend = auto or managed.")
    {
    }
}
