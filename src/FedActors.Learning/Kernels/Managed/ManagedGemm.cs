using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using FedActors.Learning.Kernels.Gemm;

namespace FedActors.Learning.Kernels.Managed;

/// <summary>
/// A cache-blocked, vectorized matrix multiply in managed code, used when OpenBLAS is absent.
/// Follows the Goto/BLIS layering: op(B) is packed into Kc×Nc blocks of Nr-wide column panels,
/// op(A) into Mc×Kc blocks of Mr-high row panels, and a 6×16 register-blocked micro-kernel
/// (twelve 256-bit accumulators, fused multiply-add) computes each tile of C. Packing buffers are
/// per thread, so concurrent calls from different threads are safe and allocation-free after warm-up.
/// </summary>
public sealed unsafe class ManagedGemm : IGemm
{
    private const int Mr = 6;
    private const int Nr = 16;
    private const int Kc = 256;
    private const int Mc = 96;
    private const int Nc = 512;

    [ThreadStatic]
    private static float[]? _threadPackA;

    [ThreadStatic]
    private static float[]? _threadPackB;

    /// <summary>The single instance (the kernel is stateless).</summary>
    public static ManagedGemm Instance { get; } = new();

    private ManagedGemm()
    {
    }

    /// <inheritdoc />
    public string Name => "managed";

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
        for (var i = 0; i < m; i++)
        {
            var row = c.Slice(i * ldc, n);
            if (beta == 0)
            {
                row.Clear();
            }
            else if (beta != 1)
            {
                TensorPrimitives.Multiply(row, beta, row);
            }
        }
        if (k == 0 || alpha == 0)
        {
            return;
        }
        var packA = _threadPackA ??= new float[Mc * Kc];
        var packB = _threadPackB ??= new float[Kc * Nc];
        fixed (float* pa = a, pb = b, pc = c, packedA = packA, packedB = packB)
        {
            for (var jc = 0; jc < n; jc += Nc)
            {
                var nc = Math.Min(Nc, n - jc);
                for (var p0 = 0; p0 < k; p0 += Kc)
                {
                    var kc = Math.Min(Kc, k - p0);
                    PackB(pb, ldb, transposeB, p0, jc, kc, nc, packedB);
                    for (var ic = 0; ic < m; ic += Mc)
                    {
                        var mc = Math.Min(Mc, m - ic);
                        PackA(pa, lda, transposeA, ic, p0, mc, kc, packedA);
                        for (var jr = 0; jr < nc; jr += Nr)
                        {
                            var nr = Math.Min(Nr, nc - jr);
                            var panelB = packedB + (jr / Nr) * kc * Nr;
                            for (var ir = 0; ir < mc; ir += Mr)
                            {
                                var mr = Math.Min(Mr, mc - ir);
                                var panelA = packedA + (ir / Mr) * kc * Mr;
                                Kernel(kc, panelA, panelB, alpha, pc + (long)(ic + ir) * ldc + jc + jr, ldc, mr, nr);
                            }
                        }
                    }
                }
            }
        }
    }

    // Packs op(B)[p0..p0+kc, j0..j0+nc] as Nr-wide panels, each kc rows of Nr floats, zero-padded.
    private static void PackB(float* b, int ldb, bool transposed, int p0, int j0, int kc, int nc, float* dst)
    {
        for (var jr = 0; jr < nc; jr += Nr)
        {
            var width = Math.Min(Nr, nc - jr);
            var panel = dst + (jr / Nr) * kc * Nr;
            for (var p = 0; p < kc; p++)
            {
                var row = panel + p * Nr;
                if (!transposed && width == Nr)
                {
                    var src = b + (long)(p0 + p) * ldb + j0 + jr;
                    Vector256.Store(Vector256.Load(src), row);
                    Vector256.Store(Vector256.Load(src + 8), row + 8);
                    continue;
                }
                for (var j = 0; j < Nr; j++)
                {
                    row[j] = j >= width ? 0f
                        : transposed ? b[(long)(j0 + jr + j) * ldb + p0 + p]
                        : b[(long)(p0 + p) * ldb + j0 + jr + j];
                }
            }
        }
    }

    // Packs op(A)[i0..i0+mc, p0..p0+kc] as Mr-high panels, each kc columns of Mr floats, zero-padded.
    private static void PackA(float* a, int lda, bool transposed, int i0, int p0, int mc, int kc, float* dst)
    {
        for (var ir = 0; ir < mc; ir += Mr)
        {
            var height = Math.Min(Mr, mc - ir);
            var panel = dst + (ir / Mr) * kc * Mr;
            if (transposed)
            {
                for (var p = 0; p < kc; p++)
                {
                    var src = a + (long)(p0 + p) * lda + i0 + ir;
                    var col = panel + p * Mr;
                    for (var i = 0; i < Mr; i++)
                    {
                        col[i] = i < height ? src[i] : 0f;
                    }
                }
                continue;
            }
            for (var i = 0; i < Mr; i++)
            {
                if (i >= height)
                {
                    for (var p = 0; p < kc; p++)
                    {
                        panel[p * Mr + i] = 0f;
                    }
                    continue;
                }
                var src = a + (long)(i0 + ir + i) * lda + p0;
                for (var p = 0; p < kc; p++)
                {
                    panel[p * Mr + i] = src[p];
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel(int kc, float* a, float* b, float alpha, float* c, int ldc, int mr, int nr)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (var p = 0; p < kc; p++)
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + 8);
            var x = Vector256.Create(a[0]);
            c00 = Vector256.FusedMultiplyAdd(x, b0, c00);
            c01 = Vector256.FusedMultiplyAdd(x, b1, c01);
            x = Vector256.Create(a[1]);
            c10 = Vector256.FusedMultiplyAdd(x, b0, c10);
            c11 = Vector256.FusedMultiplyAdd(x, b1, c11);
            x = Vector256.Create(a[2]);
            c20 = Vector256.FusedMultiplyAdd(x, b0, c20);
            c21 = Vector256.FusedMultiplyAdd(x, b1, c21);
            x = Vector256.Create(a[3]);
            c30 = Vector256.FusedMultiplyAdd(x, b0, c30);
            c31 = Vector256.FusedMultiplyAdd(x, b1, c31);
            x = Vector256.Create(a[4]);
            c40 = Vector256.FusedMultiplyAdd(x, b0, c40);
            c41 = Vector256.FusedMultiplyAdd(x, b1, c41);
            x = Vector256.Create(a[5]);
            c50 = Vector256.FusedMultiplyAdd(x, b0, c50);
            c51 = Vector256.FusedMultiplyAdd(x, b1, c51);
            a += Mr;
            b += Nr;
        }
        var scale = Vector256.Create(alpha);
        if (mr == Mr && nr == Nr)
        {
            Accumulate(c, c00, c01, scale);
            Accumulate(c + ldc, c10, c11, scale);
            Accumulate(c + 2 * ldc, c20, c21, scale);
            Accumulate(c + 3 * ldc, c30, c31, scale);
            Accumulate(c + 4 * ldc, c40, c41, scale);
            Accumulate(c + 5 * ldc, c50, c51, scale);
            return;
        }
        var tile = stackalloc float[Mr * Nr];
        Vector256.Store(c00, tile);
        Vector256.Store(c01, tile + 8);
        Vector256.Store(c10, tile + 16);
        Vector256.Store(c11, tile + 24);
        Vector256.Store(c20, tile + 32);
        Vector256.Store(c21, tile + 40);
        Vector256.Store(c30, tile + 48);
        Vector256.Store(c31, tile + 56);
        Vector256.Store(c40, tile + 64);
        Vector256.Store(c41, tile + 72);
        Vector256.Store(c50, tile + 80);
        Vector256.Store(c51, tile + 88);
        for (var i = 0; i < mr; i++)
        {
            for (var j = 0; j < nr; j++)
            {
                c[(long)i * ldc + j] += alpha * tile[i * Nr + j];
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate(float* c, Vector256<float> low, Vector256<float> high, Vector256<float> scale)
    {
        Vector256.Store(Vector256.FusedMultiplyAdd(low, scale, Vector256.Load(c)), c);
        Vector256.Store(Vector256.FusedMultiplyAdd(high, scale, Vector256.Load(c + 8)), c + 8);
    }
}
