namespace FedActors.Federation.Reporting;

/// <summary>A named line of a <see cref="LineChart"/>.</summary>
/// <param name="Name">The legend label.</param>
/// <param name="Points">The points, in increasing x order.</param>
public sealed record LineSeries(string Name, IReadOnlyList<ChartPoint> Points);
