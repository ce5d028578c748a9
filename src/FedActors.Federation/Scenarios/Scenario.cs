using FedActors.Federation.Metrics;

namespace FedActors.Federation.Scenarios;

/// <summary>
/// One validated experiment (SCENARIOS.md): every key of <c>scenario { … }</c> with defaults applied
/// and automatic values resolved. Only <see cref="ScenarioLoader"/> builds it, after every rule passed.
/// </summary>
/// <param name="Name">The scenario's name.</param>
/// <param name="Seed">The seed of partitioning, sampling, training and attacks.</param>
/// <param name="Rounds">Rounds to run.</param>
/// <param name="Data">Data set and partition.</param>
/// <param name="Model">The model.</param>
/// <param name="Training">Local training.</param>
/// <param name="Federation">Participation and aggregation.</param>
/// <param name="Crypto">Cryptography (meaningful in secure-sum mode).</param>
/// <param name="Attacks">The adversaries.</param>
/// <param name="Metrics">Oracle metrics to record.</param>
/// <param name="Output">Run directory and report.</param>
public sealed record Scenario(
    string Name,
    long Seed,
    int Rounds,
    DataSettings Data,
    ModelSettings Model,
    TrainingSettings Training,
    FederationSettings Federation,
    CryptoSettings Crypto,
    IReadOnlyList<Attack> Attacks,
    MetricsSettings Metrics,
    OutputSettings Output)
{
    /// <summary>Where the Coordinator journals the run (<c>scenario.persistence</c>).</summary>
    public JournalSettings Persistence { get; init; } = JournalSettings.Default;

    /// <summary>
    /// The validated scenario as HOCON (<c>scenario { … }</c> with defaults, overrides and attack overrides applied),
    /// which <see cref="ScenarioLoader.FromText"/> loads back to this scenario; journaled so a run can be re-executed.
    /// </summary>
    public string Text { get; init; } = string.Empty;

    /// <summary>The run description that <c>metrics.json</c> starts with, before the run's clock and outcome are known.</summary>
    /// <param name="variant">The sweep variant's name, if any.</param>
    /// <param name="startedAt">When the run started.</param>
    /// <returns>A <see cref="RunInfo"/> with zero duration.</returns>
    public RunInfo ToRunInfo(string? variant, DateTimeOffset startedAt) => new()
    {
        Scenario = Name,
        Variant = variant,
        Seed = Seed,
        Mode = Federation.Mode,
        Aggregation = Federation.Aggregation,
        Clients = Federation.Clients,
        ClientsPerRound = Federation.ClientsPerRound,
        RoundsPlanned = Rounds,
        Classes = Data.Classes,
        Attacks = Attacks.Select(a => a.Describe()).ToArray(),
        Notes = Attacks.OfType<ReplayAttack>().Any(r => r.Mode == "rerandomized-copy")
            ? ["rerandomized-copy replays are expected to pass replay protection; they are counted as undetected replays"]
            : [],
        StartedAt = startedAt,
        DurationSeconds = 0,
    };
}
