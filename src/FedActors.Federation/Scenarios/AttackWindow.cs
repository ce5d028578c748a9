namespace FedActors.Federation.Scenarios;

/// <summary>When an attack is active: an explicit round list, or from-round..to-round (to-round 0 = the last round).</summary>
/// <param name="Rounds">Explicit active rounds; empty to use the range.</param>
/// <param name="FromRound">First active round (≥ 1).</param>
/// <param name="ToRound">Last active round; 0 means the scenario's last round.</param>
public sealed record AttackWindow(IReadOnlyList<int> Rounds, int FromRound, int ToRound)
{
    /// <summary>True when the attack acts in <paramref name="round"/> of a run of <paramref name="lastRound"/> rounds.</summary>
    /// <param name="round">The round, from 1.</param>
    /// <param name="lastRound">The scenario's number of rounds.</param>
    /// <returns>Whether the attack is active.</returns>
    public bool IsActive(int round, int lastRound) =>
        Rounds.Count > 0 ? Rounds.Contains(round) : round >= FromRound && round <= (ToRound == 0 ? lastRound : ToRound);

    /// <summary>As a reader would say it: <c>rounds 10, 12</c> or <c>rounds 1–last</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        Rounds.Count > 0 ? $"rounds {string.Join(", ", Rounds)}" : $"rounds {FromRound}–{(ToRound == 0 ? "last" : ToRound)}";
}
