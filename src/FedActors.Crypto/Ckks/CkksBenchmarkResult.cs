namespace FedActors.Crypto.Ckks;

/// <summary>The figures <see cref="CkksBenchmark"/> measured for one parameter set.</summary>
/// <param name="ParameterSet">The set's registry name.</param>
/// <param name="N">The ring degree.</param>
/// <param name="NttForwardMicroseconds">Median µs of one forward NTT of one limb.</param>
/// <param name="EncryptMicroseconds">Median µs of one public-key encryption of an encoded plaintext.</param>
/// <param name="AddMicroseconds">Median µs of adding one ciphertext into another.</param>
/// <param name="DecryptMicroseconds">Median µs of one decryption.</param>
/// <param name="VectorEncryptSeconds">Seconds to encode and encrypt 1,000,000 values on one thread.</param>
/// <param name="VectorEncryptCpuSeconds">Process CPU seconds of that single-thread run (an upper bound on its work on a loaded machine).</param>
/// <param name="VectorEncryptParallelSeconds">Seconds for the same with <paramref name="Parallelism"/> threads.</param>
/// <param name="Parallelism">The thread count of the parallel run.</param>
/// <param name="BytesPerValue">Serialized ciphertext bytes per value of the 1,000,000-value vector.</param>
/// <param name="MaxError">The largest decryption error over the vector.</param>
public sealed record CkksBenchmarkResult(
    string ParameterSet,
    int N,
    double NttForwardMicroseconds,
    double EncryptMicroseconds,
    double AddMicroseconds,
    double DecryptMicroseconds,
    double VectorEncryptSeconds,
    double VectorEncryptCpuSeconds,
    double VectorEncryptParallelSeconds,
    int Parallelism,
    double BytesPerValue,
    double MaxError);
