namespace FedActors.Federation.Reporting;

/// <summary>Tick and tooltip formats for chart values, invariant of the machine's culture.</summary>
public static class ChartFormats
{
    /// <summary>A plain number with up to three decimals: <c>0.125</c>, <c>12</c>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Number(double value) => Chart.Count(value);

    /// <summary>A fraction as a percentage: 0.912 → <c>91.2%</c>.</summary>
    /// <param name="value">The fraction.</param>
    /// <returns>The text.</returns>
    public static string Percent(double value) => Chart.Percent(value);

    /// <summary>A duration in seconds: <c>3.5 s</c>, <c>120 ms</c>.</summary>
    /// <param name="value">Seconds.</param>
    /// <returns>The text.</returns>
    public static string Seconds(double value) => Chart.Seconds(value);

    /// <summary>A byte count with decimal units: <c>1.2 MB</c>.</summary>
    /// <param name="value">Bytes.</param>
    /// <returns>The text.</returns>
    public static string Bytes(double value) => Chart.Bytes(value);

    /// <summary>Scientific notation for small errors: <c>1.5e-6</c>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Scientific(double value) => Chart.Scientific(value);
}
