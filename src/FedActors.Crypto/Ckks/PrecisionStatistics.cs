using System.Globalization;

namespace FedActors.Crypto.Ckks;

/// <summary>Decoded-versus-expected error statistics of a vector: maximum and mean absolute error, and bits of precision.</summary>
/// <param name="Count">The number of values compared.</param>
/// <param name="MaxAbsoluteError">The largest |decoded − expected|.</param>
/// <param name="MeanAbsoluteError">The mean |decoded − expected|.</param>
/// <param name="WorstIndex">The index of the largest error (−1 for an empty vector).</param>
public sealed record PrecisionStatistics(int Count, double MaxAbsoluteError, double MeanAbsoluteError, int WorstIndex)
{
    /// <summary>−log2 of the maximum error: the number of correct bits after the binary point (∞ when exact).</summary>
    public double BitsOfPrecision => MaxAbsoluteError == 0 ? double.PositiveInfinity : -Math.Log2(MaxAbsoluteError);

    /// <summary>Compares <paramref name="actual"/> with <paramref name="expected"/> (same length).</summary>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static PrecisionStatistics Compute(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual)
    {
        if (expected.Length != actual.Length)
        {
            throw new ArgumentException($"Cannot compare {actual.Length} values with {expected.Length}.", nameof(actual));
        }
        var max = 0.0;
        var sum = 0.0;
        var worst = expected.Length == 0 ? -1 : 0;
        for (var j = 0; j < expected.Length; j++)
        {
            var error = Math.Abs(actual[j] - expected[j]);
            sum += error;
            if (error > max || double.IsNaN(error))
            {
                max = error;
                worst = j;
            }
        }
        return new PrecisionStatistics(expected.Length, max, expected.Length == 0 ? 0 : sum / expected.Length, worst);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Count} values: max |error| {MaxAbsoluteError:E3} (index {WorstIndex}), mean {MeanAbsoluteError:E3}, {BitsOfPrecision:F1} bits");
}
