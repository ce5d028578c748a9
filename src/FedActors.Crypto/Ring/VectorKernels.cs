using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FedActors.Crypto.Ring;

/// <summary>Coefficient-wise modular kernels on residue spans, vectorised on the selected path.</summary>
internal static unsafe class VectorKernels
{
    public static void Add(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> r, ulong q, NttPath path)
    {
        var n = r.Length;
        fixed (ulong* pa = a)
        fixed (ulong* pb = b)
        fixed (ulong* pr = r)
        {
            var i = 0;
            if (path == NttPath.Avx512)
            {
                var vq = Vector512.Create(q);
                for (; i + 8 <= n; i += 8)
                {
                    var s = Vector512.Load(pa + i) + Vector512.Load(pb + i);
                    Vector512.Min(s, s - vq).Store(pr + i);
                }
            }
            else if (path == NttPath.Avx2)
            {
                var vq = Vector256.Create(q);
                var vqm1 = Vector256.Create((long)q - 1);
                for (; i + 4 <= n; i += 4)
                {
                    var s = Vector256.Load(pa + i) + Vector256.Load(pb + i);
                    (s - (Avx2.CompareGreaterThan(s.AsInt64(), vqm1).AsUInt64() & vq)).Store(pr + i);
                }
            }
            for (; i < n; i++)
            {
                var s = pa[i] + pb[i];
                pr[i] = s >= q ? s - q : s;
            }
        }
    }

    public static void Sub(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> r, ulong q, NttPath path)
    {
        var n = r.Length;
        fixed (ulong* pa = a)
        fixed (ulong* pb = b)
        fixed (ulong* pr = r)
        {
            var i = 0;
            if (path == NttPath.Avx512)
            {
                var vq = Vector512.Create(q);
                for (; i + 8 <= n; i += 8)
                {
                    var d = Vector512.Load(pa + i) + vq - Vector512.Load(pb + i);
                    Vector512.Min(d, d - vq).Store(pr + i);
                }
            }
            else if (path == NttPath.Avx2)
            {
                var vq = Vector256.Create(q);
                var vqm1 = Vector256.Create((long)q - 1);
                for (; i + 4 <= n; i += 4)
                {
                    var d = Vector256.Load(pa + i) + vq - Vector256.Load(pb + i);
                    (d - (Avx2.CompareGreaterThan(d.AsInt64(), vqm1).AsUInt64() & vq)).Store(pr + i);
                }
            }
            for (; i < n; i++)
            {
                var d = pa[i] + q - pb[i];
                pr[i] = d >= q ? d - q : d;
            }
        }
    }

    /// <summary>r = a·w mod q for a constant w with Shoup companion ws; a may be any residue below 2^64.</summary>
    public static void MulScalarShoup(ReadOnlySpan<ulong> a, ulong w, ulong ws, Span<ulong> r, ulong q, NttPath path)
    {
        var n = r.Length;
        fixed (ulong* pa = a)
        fixed (ulong* pr = r)
        {
            var i = 0;
            if (path == NttPath.Avx512)
            {
                var vq = Vector512.Create(q);
                var vw = Vector512.Create(w);
                var vws = Vector512.Create(ws);
                for (; i + 8 <= n; i += 8)
                {
                    var x = Vector512.Load(pa + i);
                    var t = Avx512DQ.MultiplyLow(vw, x) - Avx512DQ.MultiplyLow(NttTables.MulHigh512(x, vws), vq);
                    Vector512.Min(t, t - vq).Store(pr + i);
                }
            }
            else if (path == NttPath.Avx2)
            {
                var vq = Vector256.Create(q);
                var vqm1 = Vector256.Create((long)q - 1);
                var vw = Vector256.Create(w);
                var vws = Vector256.Create(ws);
                for (; i + 4 <= n; i += 4)
                {
                    var x = Vector256.Load(pa + i);
                    var t = NttTables.MulLow256(vw, x) - NttTables.MulLow256(NttTables.MulHigh256(x, vws), vq);
                    (t - (Avx2.CompareGreaterThan(t.AsInt64(), vqm1).AsUInt64() & vq)).Store(pr + i);
                }
            }
            for (; i < n; i++)
            {
                var t = unchecked(w * pa[i] - Math.BigMul(pa[i], ws, out _) * q);
                pr[i] = t >= q ? t - q : t;
            }
        }
    }

    /// <summary>r = a ⊙ b mod q coefficient-wise, where bs holds the Shoup companions of b.</summary>
    public static void MulShoup(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, ReadOnlySpan<ulong> bs, Span<ulong> r, ulong q, NttPath path)
    {
        var n = r.Length;
        fixed (ulong* pa = a)
        fixed (ulong* pb = b)
        fixed (ulong* pbs = bs)
        fixed (ulong* pr = r)
        {
            var i = 0;
            if (path == NttPath.Avx512)
            {
                var vq = Vector512.Create(q);
                for (; i + 8 <= n; i += 8)
                {
                    var x = Vector512.Load(pa + i);
                    var t = Avx512DQ.MultiplyLow(Vector512.Load(pb + i), x)
                        - Avx512DQ.MultiplyLow(NttTables.MulHigh512(x, Vector512.Load(pbs + i)), vq);
                    Vector512.Min(t, t - vq).Store(pr + i);
                }
            }
            else if (path == NttPath.Avx2)
            {
                var vq = Vector256.Create(q);
                var vqm1 = Vector256.Create((long)q - 1);
                for (; i + 4 <= n; i += 4)
                {
                    var x = Vector256.Load(pa + i);
                    var t = NttTables.MulLow256(Vector256.Load(pb + i), x)
                        - NttTables.MulLow256(NttTables.MulHigh256(x, Vector256.Load(pbs + i)), vq);
                    (t - (Avx2.CompareGreaterThan(t.AsInt64(), vqm1).AsUInt64() & vq)).Store(pr + i);
                }
            }
            for (; i < n; i++)
            {
                var t = unchecked(pb[i] * pa[i] - Math.BigMul(pa[i], pbs[i], out _) * q);
                pr[i] = t >= q ? t - q : t;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MulBarrett(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> r, Modulus modulus)
    {
        for (var i = 0; i < r.Length; i++)
        {
            r[i] = modulus.Mul(a[i], b[i]);
        }
    }
}
