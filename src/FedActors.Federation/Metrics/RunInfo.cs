namespace FedActors.Federation.Metrics;

/// <summary>What was run: the scenario, its variant within a sweep, and the settings a reader needs to interpret the numbers.</summary>
public sealed record RunInfo
{
    /// <summary>The scenario's <c>name</c>.</summary>
    public required string Scenario { get; init; }

    /// <summary>The sweep variant's name (e.g. <c>attacks.0.clients=20%</c>); null outside a sweep.</summary>
    public string? Variant { get; init; }

    /// <summary>The seed that drove partitioning, sampling, training and attacks.</summary>
    public required long Seed { get; init; }

    /// <summary><c>secure-sum</c> or <c>plaintext</c>.</summary>
    public required string Mode { get; init; }

    /// <summary>The aggregation rule (<c>secure-sum</c>, <c>mean</c>, <c>krum</c>, …).</summary>
    public required string Aggregation { get; init; }

    /// <summary>Total clients in the federation.</summary>
    public required int Clients { get; init; }

    /// <summary>Clients selected per round.</summary>
    public required int ClientsPerRound { get; init; }

    /// <summary>Rounds the scenario asked for.</summary>
    public required int RoundsPlanned { get; init; }

    /// <summary>Number of classes of the data set (length of per-class recall).</summary>
    public int Classes { get; init; }

    /// <summary>One line per configured attack, e.g. <c>label-flip: 20% of clients, 5→3</c>.</summary>
    public IReadOnlyList<string> Attacks { get; init; } = [];

    /// <summary>Remarks the report must show, e.g. that a robust aggregator needs plaintext mode.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>When the run started (from the injected clock).</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Wall-clock seconds the whole run took, ≥ 0.</summary>
    public required double DurationSeconds { get; init; }

    /// <summary>Hash of the final global model (hex), when at least one round completed.</summary>
    public string? FinalModelHash { get; init; }
}
