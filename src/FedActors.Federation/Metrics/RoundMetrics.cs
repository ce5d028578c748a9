namespace FedActors.Federation.Metrics;

/// <summary>
/// Every per-round metric of a run (SCENARIOS.md, "What a run reports"). Oracle metrics
/// (accuracy, loss, recall, backdoor success, decryption error) are null when the scenario did not
/// evaluate them in this round.
/// </summary>
public sealed record RoundMetrics
{
    /// <summary>The round number, from 1.</summary>
    public required int Round { get; init; }

    /// <summary>Whether the round completed or failed.</summary>
    public required RoundStatus Status { get; init; }

    /// <summary>Why the round failed; null exactly when it completed.</summary>
    public string? FailureReason { get; init; }

    /// <summary>Test-set accuracy of the global model after this round, in [0, 1].</summary>
    public double? TestAccuracy { get; init; }

    /// <summary>Test-set cross-entropy loss of the global model after this round, ≥ 0.</summary>
    public double? TestLoss { get; init; }

    /// <summary>Recall of each class (index = label), each in [0, 1].</summary>
    public IReadOnlyList<double>? PerClassRecall { get; init; }

    /// <summary>Fraction of triggered test inputs classified as the attacker's target label, in [0, 1].</summary>
    public double? BackdoorSuccess { get; init; }

    /// <summary>Selected, received, accepted and rejected-by-reason contributions.</summary>
    public required ContributionCounts Contributions { get; init; }

    /// <summary>Replayed contributions the protocol accepted (oracle count, e.g. <c>rerandomized-copy</c>).</summary>
    public int UndetectedReplays { get; init; }

    /// <summary>
    /// <c>colluding-key-holders</c>: relative error of the coalition's decryption of one client's contribution against
    /// its true vector (≫ 1: nothing recovered); null in rounds without the attack.
    /// </summary>
    public double? CollusionRelativeError { get; init; }

    /// <summary><c>curious-coordinator</c>: isolation requests the Coordinator sent to the key holders in this round; null in rounds without the attack.</summary>
    public int? IsolationAttempts { get; init; }

    /// <summary><c>curious-coordinator</c>: the key holders' refusals of the isolation requests by reason (<c>no-answer</c>: none before the deadline).</summary>
    public IReadOnlyDictionary<string, int>? IsolationRefusals { get; init; }

    /// <summary><c>curious-coordinator</c>: decryption shares key holders released for isolation requests (0 with honest holders).</summary>
    public int? IsolationShares { get; init; }

    /// <summary><c>curious-coordinator</c>: isolation requests that obtained t shares, i.e. succeeded (0 with honest holders).</summary>
    public int? IsolationSucceeded { get; init; }

    /// <summary>Bytes sent and received per role.</summary>
    public required RoleBytes Bytes { get; init; }

    /// <summary>Wall-clock seconds per phase.</summary>
    public required PhaseTimes Time { get; init; }

    /// <summary>Error of the decrypted aggregate against the exact plaintext aggregate; null in plaintext mode.</summary>
    public DecryptionError? DecryptionError { get; init; }

    /// <summary>Hash of the global model the clients agreed on after this round (hex), when the round completed.</summary>
    public string? ModelHash { get; init; }
}
