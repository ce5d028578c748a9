namespace FedActors.Learning.Kernels.Gemm;

/// <summary>Argument checks shared by every <see cref="IGemm"/> implementation.</summary>
internal static class GemmArguments
{
    /// <summary>Throws unless the sizes, leading dimensions and span lengths describe valid row-major matrices.</summary>
    public static void Validate(
        bool transposeA, bool transposeB, int m, int n, int k,
        int aLength, int lda, int bLength, int ldb, int cLength, int ldc)
    {
        if (m < 0 || n < 0 || k < 0)
        {
            throw new ArgumentException($"GEMM sizes must be >= 0, were m={m}, n={n}, k={k}.");
        }
        var (aRows, aCols) = transposeA ? (k, m) : (m, k);
        var (bRows, bCols) = transposeB ? (n, k) : (k, n);
        Check("A", aRows, aCols, aLength, lda);
        Check("B", bRows, bCols, bLength, ldb);
        Check("C", m, n, cLength, ldc);
    }

    private static void Check(string name, int rows, int cols, int length, int ld)
    {
        if (ld < Math.Max(1, cols))
        {
            throw new ArgumentException($"GEMM leading dimension of {name} must be >= {Math.Max(1, cols)}, was {ld}.");
        }
        if (rows > 0 && cols > 0 && (long)(rows - 1) * ld + cols > length)
        {
            throw new ArgumentException($"GEMM matrix {name} ({rows}x{cols}, leading dimension {ld}) needs {(long)(rows - 1) * ld + cols} floats, the span has {length}.");
        }
    }
}
