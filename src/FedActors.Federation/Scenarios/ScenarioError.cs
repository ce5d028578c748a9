using FedActors.Configuration;

namespace FedActors.Federation.Scenarios;

/// <summary>One problem of a scenario, located at the value that causes it.</summary>
/// <param name="Origin">File, line and column of the offending value (<c>command line</c> for <c>--set</c>).</param>
/// <param name="Path">The full key path, e.g. <c>scenario.federation.clients-per-round</c>.</param>
/// <param name="Problem">What was wrong.</param>
/// <param name="Valid">What would be valid.</param>
public sealed record ScenarioError(ConfigOrigin Origin, string Path, string Problem, string Valid)
{
    /// <summary><c>FILE:LINE:COLUMN: scenario.path: problem; valid: what would be valid</c>.</summary>
    /// <returns>The one-line message.</returns>
    public override string ToString() => $"{Origin}: {Path}: {Problem}; valid: {Valid}";
}
