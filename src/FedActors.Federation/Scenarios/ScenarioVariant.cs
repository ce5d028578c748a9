namespace FedActors.Federation.Scenarios;

/// <summary>One point of a sweep grid: its name (<c>attacks.0.clients=20%</c>), the values it sets, and the validated scenario.</summary>
/// <param name="Name">The variant's name, used as its label in reports and as its run sub-directory.</param>
/// <param name="Settings">The swept keys and the value each has in this variant.</param>
/// <param name="Scenario">The scenario with those values applied (its output directory is the variant's).</param>
public sealed record ScenarioVariant(string Name, IReadOnlyList<ScenarioOverride> Settings, Scenario Scenario);
