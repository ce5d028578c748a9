using System.Text.Json.Serialization;

namespace FedActors.Federation.Metrics;

/// <summary>
/// Everything a run measured: what was run, and one record per round. This is the content of
/// <c>metrics.json</c> (<see cref="MetricsFile"/>), from which reports are regenerated.
/// </summary>
public sealed record RunMetrics
{
    /// <summary>The <c>metrics.json</c> format version this code writes and reads.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>The format version of the file; must equal <see cref="CurrentSchemaVersion"/>.</summary>
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>What was run.</summary>
    public required RunInfo Run { get; init; }

    /// <summary>The rounds in order, numbered from 1 without gaps.</summary>
    public required IReadOnlyList<RoundMetrics> Rounds { get; init; }

    /// <summary>Run-level totals derived from <see cref="Rounds"/> (written for other readers, recomputed when read).</summary>
    public RunTotals Totals => RunTotals.From(Rounds);

    /// <summary>The report's label for this run: the variant name in a sweep, else the scenario name.</summary>
    [JsonIgnore]
    public string Label => Run.Variant ?? Run.Scenario;
}
