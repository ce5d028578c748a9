namespace FedActors.Federation.Journal;

/// <summary>One round of a recorded run next to its re-execution.</summary>
/// <param name="Round">The round.</param>
/// <param name="RecordedStatus">completed or failed, as journaled.</param>
/// <param name="RecordedHash">The journaled model hash (hex), or null for a failed round.</param>
/// <param name="ReexecutedStatus">completed, failed, or missing when the re-execution has no such round.</param>
/// <param name="ReexecutedHash">The re-executed model hash (hex), or null.</param>
public sealed record RoundComparison(int Round, string RecordedStatus, string? RecordedHash, string ReexecutedStatus, string? ReexecutedHash)
{
    /// <summary>True when both ended the same way with the same model.</summary>
    public bool Matches => RecordedStatus == ReexecutedStatus && RecordedHash == ReexecutedHash;
}
