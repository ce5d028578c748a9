namespace FedActors.Federation.Scenarios;

/// <summary><c>scenario.output</c>: where a run writes and what.</summary>
/// <param name="Directory">The run directory (metrics.json, report.html, journal).</param>
/// <param name="Report"><c>html</c> or <c>none</c>.</param>
public sealed record OutputSettings(string Directory, string Report);
