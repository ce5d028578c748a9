namespace FedActors.Crypto.Ring;

/// <summary>
/// The instruction-set path of the NTT and of the vectorised polynomial kernels. Every path computes the same
/// residues bit for bit; <see cref="NttTables.BestPath"/> is the fastest one the processor supports.
/// </summary>
public enum NttPath
{
    /// <summary>Portable 64-bit code (Math.BigMul for the high word of products).</summary>
    Scalar,

    /// <summary>256-bit vectors (AVX2), four residues per instruction.</summary>
    Avx2,

    /// <summary>512-bit vectors (AVX-512 F and DQ), eight residues per instruction.</summary>
    Avx512,
}
