using FedActors.Learning.Kernels.Gemm;

namespace FedActors.Learning.Kernels.OpenBlas;

/// <summary>Matrix multiply through OpenBLAS's <c>cblas_sgemm</c>. Use only when <see cref="OpenBlasLibrary.IsAvailable"/>.</summary>
public sealed unsafe class OpenBlasGemm : IGemm
{
    /// <summary>The single instance (the binding is process-wide).</summary>
    public static OpenBlasGemm Instance { get; } = new();

    private OpenBlasGemm()
    {
    }

    /// <inheritdoc />
    public string Name => "openblas";

    /// <inheritdoc />
    public void Multiply(
        bool transposeA, bool transposeB, int m, int n, int k,
        float alpha, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb,
        float beta, Span<float> c, int ldc)
    {
        GemmArguments.Validate(transposeA, transposeB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        if (m == 0 || n == 0)
        {
            return;
        }
        fixed (float* pa = a, pb = b, pc = c)
        {
            OpenBlasLibrary.Gemm(transposeA, transposeB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
        }
    }
}
