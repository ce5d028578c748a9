using BenchmarkDotNet.Attributes;
using FedActors.Federation.Client.Adversaries;
using FedActors.Learning.Randomness;

namespace FedActors.Benchmarks.Adversaries;

/// <summary>
/// What an attack adds to a client's round on McMahan's 2NN (199,210 parameters): the coalition's
/// per-coordinate mean and deviation over the colluders' honest updates (ALIE, IPM), and the
/// Coordinator's replay check, a SHA-256 of the update's bytes.
/// </summary>
[MemoryDiagnoser]
public class AdversaryBenchmarks
{
    private const int Parameters = 199_210;
    private float[][] _updates = [];

    /// <summary>Colluders in the coalition.</summary>
    [Params(4, 10)]
    public int Colluders { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new SeededRandom(7);
        _updates = Enumerable.Range(0, Colluders)
            .Select(_ => Enumerable.Range(0, Parameters).Select(_ => (float)random.NextGaussian()).ToArray())
            .ToArray();
    }

    /// <summary>ALIE / IPM: μ and σ over the colluders' updates.</summary>
    [Benchmark]
    public float CoalitionMoments()
    {
        var (mean, std) = Coalition.Moments(_updates);
        return mean[0] + std[^1];
    }

    /// <summary>The Coordinator's content hash of one update (replay check).</summary>
    [Benchmark]
    public byte[] ReplayContentHash() =>
        System.Security.Cryptography.SHA256.HashData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(_updates[0].AsSpan()));
}
