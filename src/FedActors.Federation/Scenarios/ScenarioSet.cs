namespace FedActors.Federation.Scenarios;

/// <summary>A loaded scenario file: the scenario itself and, when it has a <c>sweep</c>, every variant of the grid.</summary>
/// <param name="Base">The scenario without sweep values.</param>
/// <param name="Variants">The sweep grid in row-major order of the sweep keys; empty without a sweep.</param>
public sealed record ScenarioSet(Scenario Base, IReadOnlyList<ScenarioVariant> Variants)
{
    /// <summary>What to run: every variant, or the base scenario alone (with a null name) when there is no sweep.</summary>
    public IReadOnlyList<(string? Name, Scenario Scenario)> Runs =>
        Variants.Count == 0 ? [(null, Base)] : Variants.Select(v => ((string?)v.Name, v.Scenario)).ToArray();
}
