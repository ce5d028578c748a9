using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FedActors.Crypto.Ring;

/// <summary>
/// Precomputed tables for the negacyclic number-theoretic transform of length N modulo one prime q ≡ 1 (mod 2N):
/// powers of a primitive 2N-th root ψ in bit-reversed order with their Shoup companions. <see cref="Forward(Span{ulong})"/>
/// maps coefficients a(X) mod (X^N + 1) to evaluations a(ψ^(2·rev(i)+1)), so a product in Z_q[X]/(X^N + 1) becomes
/// a coefficient-wise product. Butterflies follow Harvey (2014): lazy reduction keeps values below 4q between
/// layers and Shoup's precomputed quotients replace divisions. Inputs and outputs are fully reduced, in [0, q).
/// </summary>
public sealed unsafe class NttTables
{
    private readonly ulong[] _psi;
    private readonly ulong[] _psiShoup;
    private readonly ulong[] _psiInverse;
    private readonly ulong[] _psiInverseShoup;
    private readonly ulong _nInverse;
    private readonly ulong _nInverseShoup;

    // For the three layers whose butterflies span fewer than 8 residues (t = 4, 2, 1), the AVX-512 path gathers the
    // x and y operands of 16 consecutive residues into two vectors with permutes; these hold the twiddles (and Shoup
    // companions) in that lane order, indexed [layer][chunk·8 + lane], layer 0/1/2 for t = 1/2/4.
    private readonly ulong[][] _tailForward = [];
    private readonly ulong[][] _tailForwardShoup = [];
    private readonly ulong[][] _tailInverse = [];
    private readonly ulong[][] _tailInverseShoup = [];

    /// <summary>Builds the tables for N = 2^<paramref name="logN"/> and a prime modulus ≡ 1 (mod 2N).</summary>
    /// <exception cref="ArgumentException">The modulus is not an NTT-friendly prime for this N.</exception>
    public NttTables(Modulus modulus, int logN)
    {
        ArgumentNullException.ThrowIfNull(modulus);
        if (logN is < 1 or > 17)
        {
            throw new ArgumentOutOfRangeException(nameof(logN), logN, "log2 N must be in [1, 17].");
        }
        if (!NttPrimes.IsNttFriendly(modulus.Value, logN))
        {
            throw new ArgumentException($"{modulus.Value} is not a prime ≡ 1 mod 2^{logN + 1}.", nameof(modulus));
        }
        Modulus = modulus;
        LogN = logN;
        N = 1 << logN;
        Root = FindPrimitiveRoot(modulus, N);
        var rootInverse = modulus.Inverse(Root);
        _psi = new ulong[N];
        _psiShoup = new ulong[N];
        _psiInverse = new ulong[N];
        _psiInverseShoup = new ulong[N];
        ulong power = 1, powerInverse = 1;
        for (var i = 0; i < N; i++)
        {
            var r = ReverseBits(i, logN);
            _psi[r] = power;
            _psiInverse[r] = powerInverse;
            power = modulus.Mul(power, Root);
            powerInverse = modulus.Mul(powerInverse, rootInverse);
        }
        for (var i = 0; i < N; i++)
        {
            _psiShoup[i] = modulus.ShoupCompanion(_psi[i]);
            _psiInverseShoup[i] = modulus.ShoupCompanion(_psiInverse[i]);
        }
        _nInverse = modulus.Inverse((ulong)N);
        _nInverseShoup = modulus.ShoupCompanion(_nInverse);
        if (N >= 16)
        {
            _tailForward = new ulong[3][];
            _tailForwardShoup = new ulong[3][];
            _tailInverse = new ulong[3][];
            _tailInverseShoup = new ulong[3][];
            for (var layer = 0; layer < 3; layer++)
            {
                var t = 1 << layer;
                var blocks = N / (2 * t);
                var (xIndex, _) = TailIndices(t);
                _tailForward[layer] = new ulong[N / 2];
                _tailForwardShoup[layer] = new ulong[N / 2];
                _tailInverse[layer] = new ulong[N / 2];
                _tailInverseShoup[layer] = new ulong[N / 2];
                for (var chunk = 0; chunk < N / 16; chunk++)
                {
                    for (var lane = 0; lane < 8; lane++)
                    {
                        var block = (16 * chunk + (int)xIndex[lane]) / (2 * t);
                        var at = chunk * 8 + lane;
                        _tailForward[layer][at] = _psi[blocks + block];
                        _tailForwardShoup[layer][at] = _psiShoup[blocks + block];
                        _tailInverse[layer][at] = _psiInverse[blocks + block];
                        _tailInverseShoup[layer][at] = _psiInverseShoup[blocks + block];
                    }
                }
            }
        }
    }

    /// <summary>The fastest path this processor supports: AVX-512 (F+DQ), then AVX2, then scalar.</summary>
    public static NttPath BestPath { get; } =
        Avx512F.IsSupported && Avx512DQ.IsSupported ? NttPath.Avx512 : Avx2.IsSupported ? NttPath.Avx2 : NttPath.Scalar;

    /// <summary>The modulus q.</summary>
    public Modulus Modulus { get; }

    /// <summary>The transform length N.</summary>
    public int N { get; }

    /// <summary>log2 N.</summary>
    public int LogN { get; }

    /// <summary>The primitive 2N-th root of unity ψ the tables use (ψ^N = −1 mod q).</summary>
    public ulong Root { get; }

    /// <summary>Returns true when the processor can run <paramref name="path"/>.</summary>
    public static bool IsSupported(NttPath path) => path switch
    {
        NttPath.Scalar => true,
        NttPath.Avx2 => Avx2.IsSupported,
        NttPath.Avx512 => Avx512F.IsSupported && Avx512DQ.IsSupported,
        _ => false,
    };

    /// <summary>Transforms <paramref name="a"/> (N residues in [0, q)) in place to the evaluation domain, on the best path.</summary>
    public void Forward(Span<ulong> a) => Forward(a, BestPath);

    /// <summary>Transforms <paramref name="a"/> (N residues in [0, q)) in place to the evaluation domain on the given path.</summary>
    /// <exception cref="ArgumentException">The length is not N.</exception>
    /// <exception cref="PlatformNotSupportedException">The processor cannot run the path.</exception>
    public void Forward(Span<ulong> a, NttPath path)
    {
        CheckArguments(a, path);
        var q = Modulus.Value;
        fixed (ulong* p = a)
        fixed (ulong* w = _psi)
        fixed (ulong* ws = _psiShoup)
        {
            var t = N >> 1;
            for (var m = 1; m < N; m <<= 1, t >>= 1)
            {
                if (path == NttPath.Avx512 && t >= 8)
                {
                    ForwardLayerAvx512(p, w, ws, m, t, q);
                }
                else if (path == NttPath.Avx512 && N >= 16)
                {
                    ForwardTailAvx512(p, BitOperations.Log2((uint)t), q);
                }
                else if (path == NttPath.Avx2 && t >= 4)
                {
                    ForwardLayerAvx2(p, w, ws, m, t, q);
                }
                else
                {
                    ForwardLayerScalar(p, w, ws, m, t, q);
                }
            }
            ReduceFromFourQ(p, N, q, path);
        }
    }

    /// <summary>Transforms <paramref name="a"/> (N residues in [0, q)) in place back to coefficients, on the best path.</summary>
    public void Inverse(Span<ulong> a) => Inverse(a, BestPath);

    /// <summary>Transforms <paramref name="a"/> (N residues in [0, q)) in place back to coefficients on the given path.</summary>
    /// <exception cref="ArgumentException">The length is not N.</exception>
    /// <exception cref="PlatformNotSupportedException">The processor cannot run the path.</exception>
    public void Inverse(Span<ulong> a, NttPath path)
    {
        CheckArguments(a, path);
        var q = Modulus.Value;
        fixed (ulong* p = a)
        fixed (ulong* w = _psiInverse)
        fixed (ulong* ws = _psiInverseShoup)
        {
            var t = 1;
            for (var m = N; m > 1; m >>= 1, t <<= 1)
            {
                if (path == NttPath.Avx512 && t >= 8)
                {
                    InverseLayerAvx512(p, w, ws, m >> 1, t, q);
                }
                else if (path == NttPath.Avx512 && N >= 16)
                {
                    InverseTailAvx512(p, BitOperations.Log2((uint)t), q);
                }
                else if (path == NttPath.Avx2 && t >= 4)
                {
                    InverseLayerAvx2(p, w, ws, m >> 1, t, q);
                }
                else
                {
                    InverseLayerScalar(p, w, ws, m >> 1, t, q);
                }
            }
            ScaleByNInverse(p, path);
        }
    }

    private void CheckArguments(Span<ulong> a, NttPath path)
    {
        if (a.Length != N)
        {
            throw new ArgumentException($"The NTT needs exactly {N} residues, got {a.Length}.", nameof(a));
        }
        if (!IsSupported(path))
        {
            throw new PlatformNotSupportedException($"This processor cannot run the {path} NTT path.");
        }
    }

    private static void ForwardLayerScalar(ulong* p, ulong* w, ulong* ws, int m, int t, ulong q)
    {
        var twoQ = 2 * q;
        for (var i = 0; i < m; i++)
        {
            var wi = w[m + i];
            var wsi = ws[m + i];
            var x = p + 2 * i * t;
            var y = x + t;
            for (var j = 0; j < t; j++)
            {
                // Branch-free conditional subtraction: values stay below 4q < 2^63, so the sign bit decides.
                var u = x[j];
                u -= twoQ & (ulong)((long)(twoQ - 1 - u) >> 63);
                var v = unchecked(wi * y[j] - Math.BigMul(y[j], wsi, out _) * q);
                x[j] = u + v;
                y[j] = u - v + twoQ;
            }
        }
    }

    private static void InverseLayerScalar(ulong* p, ulong* w, ulong* ws, int h, int t, ulong q)
    {
        var twoQ = 2 * q;
        for (var i = 0; i < h; i++)
        {
            var wi = w[h + i];
            var wsi = ws[h + i];
            var x = p + 2 * i * t;
            var y = x + t;
            for (var j = 0; j < t; j++)
            {
                var u = x[j];
                var v = y[j];
                var s = u + v;
                s -= twoQ & (ulong)((long)(twoQ - 1 - s) >> 63);
                var d = u - v + twoQ;
                x[j] = s;
                y[j] = unchecked(wi * d - Math.BigMul(d, wsi, out _) * q);
            }
        }
    }

    private static void ForwardLayerAvx512(ulong* p, ulong* w, ulong* ws, int m, int t, ulong q)
    {
        var vq = Vector512.Create(q);
        var vTwoQ = Vector512.Create(2 * q);
        for (var i = 0; i < m; i++)
        {
            var wi = Vector512.Create(w[m + i]);
            var wsi = Vector512.Create(ws[m + i]);
            var x = p + 2 * i * t;
            var y = x + t;
            for (var j = 0; j < t; j += 8)
            {
                var u = Vector512.Load(x + j);
                var yv = Vector512.Load(y + j);
                u = Vector512.Min(u, u - vTwoQ);
                var v = Avx512DQ.MultiplyLow(wi, yv) - Avx512DQ.MultiplyLow(MulHigh512(yv, wsi), vq);
                (u + v).Store(x + j);
                (u - v + vTwoQ).Store(y + j);
            }
        }
    }

    private static void InverseLayerAvx512(ulong* p, ulong* w, ulong* ws, int h, int t, ulong q)
    {
        var vq = Vector512.Create(q);
        var vTwoQ = Vector512.Create(2 * q);
        for (var i = 0; i < h; i++)
        {
            var wi = Vector512.Create(w[h + i]);
            var wsi = Vector512.Create(ws[h + i]);
            var x = p + 2 * i * t;
            var y = x + t;
            for (var j = 0; j < t; j += 8)
            {
                var u = Vector512.Load(x + j);
                var v = Vector512.Load(y + j);
                var s = u + v;
                s = Vector512.Min(s, s - vTwoQ);
                var d = u - v + vTwoQ;
                s.Store(x + j);
                (Avx512DQ.MultiplyLow(wi, d) - Avx512DQ.MultiplyLow(MulHigh512(d, wsi), vq)).Store(y + j);
            }
        }
    }

    private void ForwardTailAvx512(ulong* p, int layer, ulong q)
    {
        var (xIndex, yIndex) = TailIndices(1 << layer);
        var (back0, back1) = TailBackIndices(1 << layer);
        var vq = Vector512.Create(q);
        var vTwoQ = Vector512.Create(2 * q);
        fixed (ulong* w = _tailForward[layer])
        fixed (ulong* ws = _tailForwardShoup[layer])
        {
            for (var chunk = 0; chunk < N / 16; chunk++)
            {
                var v0 = Vector512.Load(p + 16 * chunk);
                var v1 = Vector512.Load(p + 16 * chunk + 8);
                var u = Avx512F.PermuteVar8x64x2(v0, xIndex, v1);
                var y = Avx512F.PermuteVar8x64x2(v0, yIndex, v1);
                var wi = Vector512.Load(w + 8 * chunk);
                var wsi = Vector512.Load(ws + 8 * chunk);
                u = Vector512.Min(u, u - vTwoQ);
                var v = Avx512DQ.MultiplyLow(wi, y) - Avx512DQ.MultiplyLow(MulHigh512(y, wsi), vq);
                var x2 = u + v;
                var y2 = u - v + vTwoQ;
                Avx512F.PermuteVar8x64x2(x2, back0, y2).Store(p + 16 * chunk);
                Avx512F.PermuteVar8x64x2(x2, back1, y2).Store(p + 16 * chunk + 8);
            }
        }
    }

    private void InverseTailAvx512(ulong* p, int layer, ulong q)
    {
        var (xIndex, yIndex) = TailIndices(1 << layer);
        var (back0, back1) = TailBackIndices(1 << layer);
        var vq = Vector512.Create(q);
        var vTwoQ = Vector512.Create(2 * q);
        fixed (ulong* w = _tailInverse[layer])
        fixed (ulong* ws = _tailInverseShoup[layer])
        {
            for (var chunk = 0; chunk < N / 16; chunk++)
            {
                var v0 = Vector512.Load(p + 16 * chunk);
                var v1 = Vector512.Load(p + 16 * chunk + 8);
                var u = Avx512F.PermuteVar8x64x2(v0, xIndex, v1);
                var v = Avx512F.PermuteVar8x64x2(v0, yIndex, v1);
                var wi = Vector512.Load(w + 8 * chunk);
                var wsi = Vector512.Load(ws + 8 * chunk);
                var s = u + v;
                s = Vector512.Min(s, s - vTwoQ);
                var d = u - v + vTwoQ;
                var y2 = Avx512DQ.MultiplyLow(wi, d) - Avx512DQ.MultiplyLow(MulHigh512(d, wsi), vq);
                Avx512F.PermuteVar8x64x2(s, back0, y2).Store(p + 16 * chunk);
                Avx512F.PermuteVar8x64x2(s, back1, y2).Store(p + 16 * chunk + 8);
            }
        }
    }

    /// <summary>
    /// For butterflies of half-size t within 16 consecutive residues: the positions (0…15) of the 8 x operands in
    /// order, and of their y partners (x + t).
    /// </summary>
    private static (Vector512<ulong> X, Vector512<ulong> Y) TailIndices(int t)
    {
        Span<ulong> x = stackalloc ulong[8];
        Span<ulong> y = stackalloc ulong[8];
        var lane = 0;
        for (var e = 0; e < 16; e++)
        {
            if (e % (2 * t) < t)
            {
                x[lane] = (ulong)e;
                y[lane] = (ulong)(e + t);
                lane++;
            }
        }
        return (Vector512.Create<ulong>(x), Vector512.Create<ulong>(y));
    }

    /// <summary>The inverse of <see cref="TailIndices"/>: where residue e of the 16 comes from, x results as 0…7, y results as 8…15.</summary>
    private static (Vector512<ulong> Low, Vector512<ulong> High) TailBackIndices(int t)
    {
        Span<ulong> back = stackalloc ulong[16];
        var lane = 0;
        for (var e = 0; e < 16; e++)
        {
            if (e % (2 * t) < t)
            {
                back[e] = (ulong)lane;
                back[e + t] = (ulong)(8 + lane);
                lane++;
            }
        }
        return (Vector512.Create<ulong>(back[..8]), Vector512.Create<ulong>(back[8..]));
    }

    private static void ForwardLayerAvx2(ulong* p, ulong* w, ulong* ws, int m, int t, ulong q)
    {
        var vq = Vector256.Create(q);
        var vTwoQ = Vector256.Create(2 * q);
        var vTwoQMinusOne = Vector256.Create((long)(2 * q - 1));
        for (var i = 0; i < m; i++)
        {
            var wi = Vector256.Create(w[m + i]);
            var wsi = Vector256.Create(ws[m + i]);
            var x = p + 2 * i * t;
            var y = x + t;
            for (var j = 0; j < t; j += 4)
            {
                var u = Vector256.Load(x + j);
                var yv = Vector256.Load(y + j);
                // Values stay below 4q < 2^63, so a signed comparison orders them correctly.
                u -= Avx2.CompareGreaterThan(u.AsInt64(), vTwoQMinusOne).AsUInt64() & vTwoQ;
                var v = MulLow256(wi, yv) - MulLow256(MulHigh256(yv, wsi), vq);
                (u + v).Store(x + j);
                (u - v + vTwoQ).Store(y + j);
            }
        }
    }

    private static void InverseLayerAvx2(ulong* p, ulong* w, ulong* ws, int h, int t, ulong q)
    {
        var vq = Vector256.Create(q);
        var vTwoQ = Vector256.Create(2 * q);
        var vTwoQMinusOne = Vector256.Create((long)(2 * q - 1));
        for (var i = 0; i < h; i++)
        {
            var wi = Vector256.Create(w[h + i]);
            var wsi = Vector256.Create(ws[h + i]);
            var x = p + 2 * i * t;
            var y = x + t;
            for (var j = 0; j < t; j += 4)
            {
                var u = Vector256.Load(x + j);
                var v = Vector256.Load(y + j);
                var s = u + v;
                s -= Avx2.CompareGreaterThan(s.AsInt64(), vTwoQMinusOne).AsUInt64() & vTwoQ;
                var d = u - v + vTwoQ;
                s.Store(x + j);
                (MulLow256(wi, d) - MulLow256(MulHigh256(d, wsi), vq)).Store(y + j);
            }
        }
    }

    private static void ReduceFromFourQ(ulong* p, int n, ulong q, NttPath path)
    {
        var i = 0;
        if (path == NttPath.Avx512)
        {
            var vq = Vector512.Create(q);
            var vTwoQ = Vector512.Create(2 * q);
            for (; i + 8 <= n; i += 8)
            {
                var x = Vector512.Load(p + i);
                x = Vector512.Min(x, x - vTwoQ);
                Vector512.Min(x, x - vq).Store(p + i);
            }
        }
        else if (path == NttPath.Avx2)
        {
            var vq = Vector256.Create(q);
            var vTwoQ = Vector256.Create(2 * q);
            var vQMinusOne = Vector256.Create((long)q - 1);
            var vTwoQMinusOne = Vector256.Create((long)(2 * q - 1));
            for (; i + 4 <= n; i += 4)
            {
                var x = Vector256.Load(p + i);
                x -= Avx2.CompareGreaterThan(x.AsInt64(), vTwoQMinusOne).AsUInt64() & vTwoQ;
                x -= Avx2.CompareGreaterThan(x.AsInt64(), vQMinusOne).AsUInt64() & vq;
                x.Store(p + i);
            }
        }
        for (; i < n; i++)
        {
            var x = p[i];
            if (x >= 2 * q)
            {
                x -= 2 * q;
            }
            if (x >= q)
            {
                x -= q;
            }
            p[i] = x;
        }
    }

    private void ScaleByNInverse(ulong* p, NttPath path)
    {
        var q = Modulus.Value;
        var i = 0;
        if (path == NttPath.Avx512)
        {
            var vq = Vector512.Create(q);
            var wi = Vector512.Create(_nInverse);
            var wsi = Vector512.Create(_nInverseShoup);
            for (; i + 8 <= N; i += 8)
            {
                var x = Vector512.Load(p + i);
                var r = Avx512DQ.MultiplyLow(wi, x) - Avx512DQ.MultiplyLow(MulHigh512(x, wsi), vq);
                Vector512.Min(r, r - vq).Store(p + i);
            }
        }
        else if (path == NttPath.Avx2)
        {
            var vq = Vector256.Create(q);
            var vQMinusOne = Vector256.Create((long)q - 1);
            var wi = Vector256.Create(_nInverse);
            var wsi = Vector256.Create(_nInverseShoup);
            for (; i + 4 <= N; i += 4)
            {
                var x = Vector256.Load(p + i);
                var r = MulLow256(wi, x) - MulLow256(MulHigh256(x, wsi), vq);
                r -= Avx2.CompareGreaterThan(r.AsInt64(), vQMinusOne).AsUInt64() & vq;
                r.Store(p + i);
            }
        }
        for (; i < N; i++)
        {
            p[i] = Modulus.MulShoup(p[i], _nInverse, _nInverseShoup);
        }
    }

    /// <summary>High 64 bits of the lane-wise 128-bit products, from four 32×32-bit multiplications.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<ulong> MulHigh512(Vector512<ulong> a, Vector512<ulong> b)
    {
        var mask = Vector512.Create(0xFFFF_FFFFUL);
        var aHigh = Vector512.ShiftRightLogical(a, 32);
        var bHigh = Vector512.ShiftRightLogical(b, 32);
        var lowLow = Avx512F.Multiply(a.AsUInt32(), b.AsUInt32());
        var lowHigh = Avx512F.Multiply(a.AsUInt32(), bHigh.AsUInt32());
        var highLow = Avx512F.Multiply(aHigh.AsUInt32(), b.AsUInt32());
        var highHigh = Avx512F.Multiply(aHigh.AsUInt32(), bHigh.AsUInt32());
        var cross = Vector512.ShiftRightLogical(lowLow, 32) + (lowHigh & mask) + (highLow & mask);
        return highHigh + Vector512.ShiftRightLogical(lowHigh, 32) + Vector512.ShiftRightLogical(highLow, 32)
            + Vector512.ShiftRightLogical(cross, 32);
    }

    /// <summary>High 64 bits of the lane-wise 128-bit products (AVX2).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<ulong> MulHigh256(Vector256<ulong> a, Vector256<ulong> b)
    {
        var mask = Vector256.Create(0xFFFF_FFFFUL);
        var aHigh = Vector256.ShiftRightLogical(a, 32);
        var bHigh = Vector256.ShiftRightLogical(b, 32);
        var lowLow = Avx2.Multiply(a.AsUInt32(), b.AsUInt32());
        var lowHigh = Avx2.Multiply(a.AsUInt32(), bHigh.AsUInt32());
        var highLow = Avx2.Multiply(aHigh.AsUInt32(), b.AsUInt32());
        var highHigh = Avx2.Multiply(aHigh.AsUInt32(), bHigh.AsUInt32());
        var cross = Vector256.ShiftRightLogical(lowLow, 32) + (lowHigh & mask) + (highLow & mask);
        return highHigh + Vector256.ShiftRightLogical(lowHigh, 32) + Vector256.ShiftRightLogical(highLow, 32)
            + Vector256.ShiftRightLogical(cross, 32);
    }

    /// <summary>Low 64 bits of the lane-wise products (AVX2 has no 64-bit multiply-low instruction).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<ulong> MulLow256(Vector256<ulong> a, Vector256<ulong> b)
    {
        var lowLow = Avx2.Multiply(a.AsUInt32(), b.AsUInt32());
        var cross = Avx2.Multiply(a.AsUInt32(), Vector256.ShiftRightLogical(b, 32).AsUInt32())
            + Avx2.Multiply(Vector256.ShiftRightLogical(a, 32).AsUInt32(), b.AsUInt32());
        return lowLow + Vector256.ShiftLeft(cross, 32);
    }

    private static ulong FindPrimitiveRoot(Modulus modulus, int n)
    {
        var q = modulus.Value;
        var exponent = (q - 1) / (2 * (ulong)n);
        for (ulong g = 2; g < q; g++)
        {
            var candidate = modulus.Pow(g, exponent);
            // ψ has order exactly 2N iff ψ^N = −1, because 2N is a power of two.
            if (modulus.Pow(candidate, (ulong)n) == q - 1)
            {
                return candidate;
            }
        }
        throw new InvalidOperationException($"No primitive 2N-th root of unity modulo {q}.");
    }

    private static int ReverseBits(int value, int bits) => (int)(ReverseAll((uint)value) >> (32 - bits));

    private static uint ReverseAll(uint v)
    {
        v = ((v >> 1) & 0x55555555u) | ((v & 0x55555555u) << 1);
        v = ((v >> 2) & 0x33333333u) | ((v & 0x33333333u) << 2);
        v = ((v >> 4) & 0x0F0F0F0Fu) | ((v & 0x0F0F0F0Fu) << 4);
        v = ((v >> 8) & 0x00FF00FFu) | ((v & 0x00FF00FFu) << 8);
        return (v >> 16) | (v << 16);
    }
}
