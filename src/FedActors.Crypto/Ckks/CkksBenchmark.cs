using System.Diagnostics;
using FedActors.Crypto.Ring;
using FedActors.Crypto.Rlwe;

namespace FedActors.Crypto.Ckks;

/// <summary>
/// In-process measurements of the rows of CRYPTO.md's SEAL comparison table for one parameter set: forward NTT of one
/// limb, public-key encryption, ciphertext addition (accumulating into an existing ciphertext, as aggregation does),
/// decryption, and encoding plus encryption of a 1,000,000-value vector (single thread and parallel), with the bytes
/// per value on the wire and the decryption error. Timings are medians of repeated runs after a warm-up long enough
/// for the JIT to reach its optimised tier.
/// </summary>
public sealed class CkksBenchmark
{
    /// <summary>The length of the vector of the vector row.</summary>
    public const int VectorLength = 1_000_000;

    private readonly CkksParameters _parameters;
    private readonly int _repetitions;
    private readonly TimeSpan _warmUp;

    /// <summary>Creates a benchmark of <paramref name="parameters"/>; <paramref name="quick"/> trades precision of the medians for time.</summary>
    public CkksBenchmark(CkksParameters parameters, bool quick)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = parameters;
        _repetitions = quick ? 15 : 101;
        _warmUp = quick ? TimeSpan.FromMilliseconds(150) : TimeSpan.FromMilliseconds(600);
    }

    /// <summary>Median microseconds of one forward NTT of one limb (the first prime) on the best path.</summary>
    public double NttForwardMicroseconds()
    {
        var tables = _parameters.Rlwe.RingQ.Tables(0);
        var data = new UniformSampler(SystemRandomSource.Instance).Sample(_parameters.Rlwe.RingQ, 0).Limb(0).ToArray();
        return Median(() => tables.Forward(data));
    }

    /// <summary>Runs every row and returns the results.</summary>
    public CkksBenchmarkResult Run(int parallelism)
    {
        var rlwe = _parameters.Rlwe;
        var keys = new KeyGenerator(rlwe);
        using var secretKey = keys.GenSecretKey();
        var publicKey = keys.GenPublicKey(secretKey);
        var encryptor = new Encryptor(rlwe, publicKey);
        var decryptor = new Decryptor(rlwe, secretKey);
        var evaluator = new Evaluator(rlwe);
        var values = RandomValues(_parameters.ValuesPerCiphertext, 1.0);
        var plaintext = _parameters.Encoding == PlaintextEncoding.Slots
            ? new SlotEncoder(rlwe).Encode(values, _parameters.Scale)
            : new CoefficientEncoder(rlwe).Encode(values, _parameters.Scale);
        var ciphertext = encryptor.Encrypt(plaintext);
        var accumulator = encryptor.EncryptZero();
        var addend = encryptor.EncryptZero();

        var ntt = NttForwardMicroseconds();
        var encrypt = Median(() => encryptor.Encrypt(plaintext));
        var add = Median(() => evaluator.AddInPlace(accumulator, addend));
        var decrypt = Median(() => decryptor.Decrypt(ciphertext));

        var vector = RandomValues(VectorLength, _parameters.Encoding == PlaintextEncoding.Slots ? 1.0 : 8.0);
        var single = new CkksVectorEncryptor(_parameters, encryptor);
        single.Encrypt(vector.AsMemory(0, 4 * _parameters.ValuesPerCiphertext));
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        var encrypted = single.Encrypt(vector);
        var singleSeconds = stopwatch.Elapsed.TotalSeconds;
        process.Refresh();
        // On a shared machine the wall time includes waiting for a core; the process CPU time of a single-threaded
        // run is what the work costs (it also counts the garbage collector's threads, so it is an upper bound).
        var singleCpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        stopwatch.Restart();
        new CkksVectorEncryptor(_parameters, encryptor, parallelism).Encrypt(vector);
        var parallelSeconds = stopwatch.Elapsed.TotalSeconds;
        var bytes = encrypted.Ciphertexts.Sum(c => (long)RlweSerializer.Serialize(c, rlwe).Length);
        var decoded = new CkksVectorDecryptor(_parameters, decryptor).Decrypt(encrypted);
        var precision = PrecisionStatistics.Compute(vector, decoded);
        return new CkksBenchmarkResult(_parameters.Name, rlwe.N, ntt, encrypt, add, decrypt, singleSeconds, singleCpuSeconds, parallelSeconds, parallelism,
            (double)bytes / VectorLength, precision.MaxAbsoluteError);
    }

    private double Median(Action action)
    {
        var warmUp = Stopwatch.StartNew();
        var runs = 0;
        while (warmUp.Elapsed < _warmUp || runs < 5)
        {
            action();
            runs++;
        }
        var times = new double[_repetitions];
        for (var i = 0; i < times.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            action();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }
        Array.Sort(times);
        return times[times.Length / 2];
    }

    private static double[] RandomValues(int count, double magnitude)
    {
        var random = new Random(12345);
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = (random.NextDouble() * 2 - 1) * magnitude;
        }
        return values;
    }
}
