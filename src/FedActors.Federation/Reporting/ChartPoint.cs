namespace FedActors.Federation.Reporting;

/// <summary>One point of a line series; a null <see cref="Y"/> is a gap (e.g. a failed round).</summary>
/// <param name="X">The x value (a round number in reports).</param>
/// <param name="Y">The y value, or null for no measurement.</param>
public readonly record struct ChartPoint(double X, double? Y);
