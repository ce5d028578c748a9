namespace FedActors.Federation.Reporting;

/// <summary>A named set of bars of a <see cref="BarChart"/>: one value (≥ 0) per category.</summary>
/// <param name="Name">The legend label.</param>
/// <param name="Values">One value per category of the chart, each finite and ≥ 0.</param>
public sealed record BarSeries(string Name, IReadOnlyList<double> Values);
