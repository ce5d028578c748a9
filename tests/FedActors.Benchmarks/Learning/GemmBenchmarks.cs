using BenchmarkDotNet.Attributes;
using FedActors.Learning.Kernels.Gemm;
using FedActors.Learning.Kernels.OpenBlas;
using FedActors.Learning.Randomness;

namespace FedActors.Benchmarks.Learning;

/// <summary>
/// Single-threaded SGEMM per backend on the square size and on the shapes of the McMahan CNN's
/// second convolution (batch 10): forward, weight gradient and input gradient. GFLOP/s = 2·m·n·k / time.
/// </summary>
[MemoryDiagnoser]
public class GemmBenchmarks
{
    private float[] _a = [];
    private float[] _b = [];
    private float[] _c = [];
    private IGemm _gemm = null!;

    /// <summary>The backend measured.</summary>
    [Params("openblas", "managed")]
    public string Backend { get; set; } = "openblas";

    /// <summary>The problem: m×n×k and transposes.</summary>
    [Params("512x512x512", "conv2-forward 1960x64x800 NT", "conv2-dW 64x800x1960 TN", "conv2-dX 1960x800x64 NN")]
    public string Shape { get; set; } = "512x512x512";

    private (bool Ta, bool Tb, int M, int N, int K) Problem => Shape switch
    {
        "conv2-forward 1960x64x800 NT" => (false, true, 1960, 64, 800),
        "conv2-dW 64x800x1960 TN" => (true, false, 64, 800, 1960),
        "conv2-dX 1960x800x64 NN" => (false, false, 1960, 800, 64),
        _ => (false, false, 512, 512, 512),
    };

    /// <summary>Allocates random operands and pins OpenBLAS to one thread.</summary>
    [GlobalSetup]
    public void Setup()
    {
        OpenBlasLibrary.SetThreads(1);
        _gemm = GemmFactory.Create(Backend == "openblas" ? GemmBackend.OpenBlas : GemmBackend.Managed);
        var (_, _, m, n, k) = Problem;
        var random = new SeededRandom(1);
        _a = Enumerable.Range(0, m * k).Select(_ => random.NextUniform(-1, 1)).ToArray();
        _b = Enumerable.Range(0, k * n).Select(_ => random.NextUniform(-1, 1)).ToArray();
        _c = new float[m * n];
    }

    /// <summary>One multiply.</summary>
    [Benchmark]
    public void Sgemm()
    {
        var (ta, tb, m, n, k) = Problem;
        _gemm.Multiply(ta, tb, m, n, k, 1f, _a, ta ? m : k, _b, tb ? k : n, 0f, _c, n);
    }
}
