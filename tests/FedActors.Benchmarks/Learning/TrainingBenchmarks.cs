using BenchmarkDotNet.Attributes;
using FedActors.Learning.Data;
using FedActors.Learning.Kernels.Gemm;
using FedActors.Learning.Kernels.OpenBlas;
using FedActors.Learning.Models;
using FedActors.Learning.Randomness;
using FedActors.Learning.Tensors;
using FedActors.Learning.Training;

namespace FedActors.Benchmarks.Learning;

/// <summary>
/// Training throughput of McMahan's 2NN and CNN on one worker thread (OpenBLAS pinned to one thread,
/// as in the trainer pool): one local epoch over 1,000 MNIST-shaped samples. Samples/s = 1000 / time.
/// Random images are used so the benchmark needs no data set; the cost does not depend on pixel values.
/// </summary>
[MemoryDiagnoser]
public class TrainingBenchmarks
{
    private const int Samples = 1000;
    private Trainer _trainer = null!;
    private Dataset _data = null!;
    private float[] _start = [];
    private float[] _delta = [];
    private int[] _indices = [];
    private TrainingOptions _options = null!;

    /// <summary>The model: <c>2nn</c> or <c>cnn</c>.</summary>
    [Params("2nn", "cnn")]
    public string Model { get; set; } = "2nn";

    /// <summary>Mini-batch size.</summary>
    [Params(10, 50)]
    public int BatchSize { get; set; } = 10;

    /// <summary>The GEMM backend.</summary>
    [Params("openblas", "managed")]
    public string Backend { get; set; } = "openblas";

    /// <summary>Builds the trainer and a random MNIST-shaped data set.</summary>
    [GlobalSetup]
    public void Setup()
    {
        OpenBlasLibrary.SetThreads(1);
        var shape = new TensorShape(28, 28, 1);
        var spec = Model == "cnn" ? ModelSpec.CnnMcMahan(shape, 10) : ModelSpec.Mlp(shape, 10, [200, 200]);
        _trainer = new Trainer(spec, GemmFactory.Create(Backend == "openblas" ? GemmBackend.OpenBlas : GemmBackend.Managed));
        var random = new SeededRandom(1);
        var features = Enumerable.Range(0, Samples * 784).Select(_ => (float)random.NextDouble()).ToArray();
        var labels = Enumerable.Range(0, Samples).Select(i => i % 10).ToArray();
        _data = new Dataset("random", new Tensor(features, shape.Prepend(Samples)), labels, 10);
        _start = spec.InitializeParameters(1);
        _delta = new float[spec.ParameterCount];
        _indices = Enumerable.Range(0, Samples).ToArray();
        _options = new TrainingOptions { Epochs = 1, BatchSize = BatchSize, LearningRate = 0.01f };
    }

    /// <summary>One local epoch over 1,000 samples.</summary>
    [Benchmark]
    public TrainingResult LocalEpoch() => _trainer.Train(_start, _delta, _data, _indices, _options, 1);
}
