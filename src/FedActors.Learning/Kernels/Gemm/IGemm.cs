namespace FedActors.Learning.Kernels.Gemm;

/// <summary>
/// Single-precision general matrix multiply on row-major matrices:
/// <c>C ← alpha · op(A) · op(B) + beta · C</c>, where op(X) is X or its transpose.
/// Implementations give the same result within float rounding; they differ only in speed.
/// </summary>
public interface IGemm
{
    /// <summary>A short name for reports: <c>openblas</c> or <c>managed</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Computes <c>C ← alpha · op(A) · op(B) + beta · C</c> with op(A) of size m×k, op(B) of size k×n
    /// and C of size m×n, all row-major with leading dimensions (row strides) lda, ldb, ldc.
    /// When beta is 0, C's previous contents are ignored (NaNs in C do not propagate).
    /// </summary>
    /// <exception cref="ArgumentException">A size is negative, a leading dimension is too small or a span is too short.</exception>
    void Multiply(
        bool transposeA, bool transposeB, int m, int n, int k,
        float alpha, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb,
        float beta, Span<float> c, int ldc);
}
