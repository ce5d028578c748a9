namespace FedActors.Federation.Metrics;

/// <summary>Run-level figures derived from the rounds; always recomputed, never read from a file.</summary>
/// <param name="RoundsCompleted">Rounds that completed.</param>
/// <param name="RoundsFailed">Rounds that failed.</param>
/// <param name="FinalAccuracy">Test accuracy of the last round that measured it.</param>
/// <param name="FinalLoss">Test loss of the last round that measured it.</param>
/// <param name="BestAccuracy">Highest test accuracy of any round.</param>
/// <param name="FinalBackdoorSuccess">Backdoor success of the last round that measured it.</param>
/// <param name="MaxBackdoorSuccess">Highest backdoor success of any round.</param>
/// <param name="Accepted">Accepted contributions over all rounds.</param>
/// <param name="Rejected">Rejected contributions over all rounds, by reason (keys in ordinal order).</param>
/// <param name="UndetectedReplays">Replays the protocol accepted, over all rounds.</param>
/// <param name="Bytes">Traffic per role over all rounds.</param>
/// <param name="Time">Seconds per phase over all rounds.</param>
/// <param name="MaxDecryptionError">Largest max-absolute decryption error of any round.</param>
public sealed record RunTotals(
    int RoundsCompleted,
    int RoundsFailed,
    double? FinalAccuracy,
    double? FinalLoss,
    double? BestAccuracy,
    double? FinalBackdoorSuccess,
    double? MaxBackdoorSuccess,
    int Accepted,
    IReadOnlyDictionary<string, int> Rejected,
    int UndetectedReplays,
    RoleBytes Bytes,
    PhaseTimes Time,
    double? MaxDecryptionError)
{
    /// <summary>Sums and extremes over <paramref name="rounds"/>.</summary>
    /// <param name="rounds">The rounds of a run, in order.</param>
    /// <returns>The totals.</returns>
    public static RunTotals From(IReadOnlyList<RoundMetrics> rounds)
    {
        ArgumentNullException.ThrowIfNull(rounds);
        var rejected = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var (reason, count) in rounds.SelectMany(r => r.Contributions.Rejected))
        {
            rejected[reason] = rejected.GetValueOrDefault(reason) + count;
        }

        return new RunTotals(
            rounds.Count(r => r.Status == RoundStatus.Completed),
            rounds.Count(r => r.Status == RoundStatus.Failed),
            rounds.LastOrDefault(r => r.TestAccuracy is not null)?.TestAccuracy,
            rounds.LastOrDefault(r => r.TestLoss is not null)?.TestLoss,
            rounds.Max(r => r.TestAccuracy),
            rounds.LastOrDefault(r => r.BackdoorSuccess is not null)?.BackdoorSuccess,
            rounds.Max(r => r.BackdoorSuccess),
            rounds.Sum(r => r.Contributions.Accepted),
            rejected,
            rounds.Sum(r => r.UndetectedReplays),
            rounds.Aggregate(RoleBytes.None, (sum, r) => sum.Plus(r.Bytes)),
            rounds.Aggregate(PhaseTimes.Zero, (sum, r) => sum.Plus(r.Time)),
            rounds.Max(r => r.DecryptionError?.MaxAbsolute));
    }
}
