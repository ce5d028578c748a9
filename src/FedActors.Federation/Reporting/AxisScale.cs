namespace FedActors.Federation.Reporting;

/// <summary>How a chart maps values to its y axis.</summary>
public enum AxisScale
{
    /// <summary>Evenly spaced values, with "nice" tick steps (1, 2, 5 × 10^k).</summary>
    Linear,

    /// <summary>Powers of ten evenly spaced: for quantities spanning orders of magnitude (decryption error). Non-positive values are not drawn.</summary>
    Logarithmic,
}
