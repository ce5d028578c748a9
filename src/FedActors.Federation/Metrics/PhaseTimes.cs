namespace FedActors.Federation.Metrics;

/// <summary>
/// Wall-clock seconds a round spent in each phase, measured on its critical path (the slowest
/// selected client for client-side phases). All values are finite and ≥ 0.
/// </summary>
/// <param name="Training">Local training.</param>
/// <param name="EncodingEncryption">Clipping, encoding and encryption (or plaintext packing) of updates.</param>
/// <param name="Aggregation">Authentication, de-duplication and the (homomorphic or robust) aggregation.</param>
/// <param name="Decryption">Threshold decryption shares, combination and decoding.</param>
/// <param name="Network">Time messages spent in transit.</param>
public sealed record PhaseTimes(double Training, double EncodingEncryption, double Aggregation, double Decryption, double Network)
{
    /// <summary>No time in any phase.</summary>
    public static PhaseTimes Zero { get; } = new(0, 0, 0, 0, 0);

    /// <summary>The phases' names as reports show them, in declaration order.</summary>
    public static IReadOnlyList<string> PhaseNames { get; } = ["training", "encoding + encryption", "aggregation", "decryption", "network"];

    /// <summary>The sum of all phases.</summary>
    public double Total => Training + EncodingEncryption + Aggregation + Decryption + Network;

    /// <summary>The phase values in the order of <see cref="PhaseNames"/>.</summary>
    /// <returns>Five values.</returns>
    public double[] ToArray() => [Training, EncodingEncryption, Aggregation, Decryption, Network];

    /// <summary>The phase-wise sum.</summary>
    /// <param name="other">The times to add.</param>
    /// <returns>A new total.</returns>
    public PhaseTimes Plus(PhaseTimes other) => new(
        Training + other.Training,
        EncodingEncryption + other.EncodingEncryption,
        Aggregation + other.Aggregation,
        Decryption + other.Decryption,
        Network + other.Network);
}
