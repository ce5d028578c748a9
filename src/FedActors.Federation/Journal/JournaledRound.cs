using FedActors.Federation.Metrics;

namespace FedActors.Federation.Journal;

/// <summary>One round as its journal tells it: its last opening, what was accepted and rejected in that opening, and how it ended.</summary>
/// <param name="Round">The round number, from 1.</param>
/// <param name="Opened">The round's last <c>RoundOpened</c> (a round interrupted by a crash is opened again).</param>
/// <param name="Accepted">The contributions accepted in the last opening.</param>
/// <param name="Rejected">The contributions rejected in the last opening.</param>
/// <param name="Metrics">The journaled metrics when the round ended (completed or failed), else null.</param>
/// <param name="ModelHash">The model hash when the round completed, else null.</param>
public sealed record JournaledRound(
    int Round,
    RoundOpened Opened,
    IReadOnlyList<ContributionAccepted> Accepted,
    IReadOnlyList<ContributionRejected> Rejected,
    RoundMetrics? Metrics,
    byte[]? ModelHash)
{
    /// <summary>How many times the round was opened.</summary>
    public int Attempts => (int)Opened.Attempt;

    /// <summary>completed, failed, or interrupted (opened but not ended: the run stopped in it).</summary>
    public string Status => Metrics is null ? "interrupted" : ModelHash is null ? "failed" : "completed";
}
