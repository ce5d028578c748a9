using FedActors.Federation.Coordinator;
using FedActors.Federation.Metrics;
using FedActors.Federation.Protocol;

namespace FedActors.Federation.Tests.Secure;

public sealed class IsolationAttemptTests
{
    private static readonly IsolationRequest[] TwoRequests =
    [
        new(CuriousCoordinator.ShortManifest, ["client-0000"], new DecryptionRequest { ActiveSet = { 1, 2 } }),
        new(CuriousCoordinator.FullManifest, ["client-0000"], new DecryptionRequest { ActiveSet = { 1, 2 } }),
    ];

    private static RoundMetrics Round() => new()
    {
        Round = 1,
        Status = RoundStatus.Completed,
        Contributions = new ContributionCounts(5, 5, 5, new Dictionary<string, int>()),
        Bytes = RoleBytes.None,
        Time = PhaseTimes.Zero,
    };

    [Fact]
    public void Each_members_kth_answer_counts_for_the_kth_request_and_t_shares_make_a_success()
    {
        var attempt = new IsolationAttempt(TwoRequests, [1, 2]);
        Assert.False(attempt.Record(1, new DecryptionRefused { Reason = "too-few-signatures" }));
        Assert.False(attempt.Record(2, new DecryptionRefused { Reason = "too-few-signatures" }));
        Assert.False(attempt.Record(1, new DecryptionShare()));
        Assert.True(attempt.Record(2, new DecryptionShare()));

        var metrics = attempt.Annotate(Round());
        Assert.Equal(2, metrics.IsolationAttempts);
        Assert.Equal(2, metrics.IsolationShares);
        Assert.Equal(1, metrics.IsolationSucceeded);
        Assert.Equal(new Dictionary<string, int> { ["too-few-signatures"] = 2 }, metrics.IsolationRefusals);
        Assert.Equal(metrics.Bytes.Coordinator.Sent, metrics.Bytes.Clients.Received);
        Assert.True(metrics.Bytes.Clients.Sent > 0, "the answers count as the clients' traffic");
    }

    [Fact]
    public void Refusal_details_after_a_colon_are_dropped_and_answers_from_outside_the_active_set_or_beyond_the_requests_are_ignored()
    {
        var attempt = new IsolationAttempt(TwoRequests, [1]);
        attempt.Record(3, new DecryptionShare());
        attempt.Record(1, new DecryptionRefused { Reason = "already-answered: the record holds this ciphertext" });
        attempt.Record(1, new DecryptionRefused { Reason = "aggregate-mismatch" });
        attempt.Record(1, new DecryptionShare());

        var metrics = attempt.Annotate(Round());
        Assert.Equal(0, metrics.IsolationShares);
        Assert.Equal(new Dictionary<string, int> { ["aggregate-mismatch"] = 1, ["already-answered"] = 1 }, metrics.IsolationRefusals);
    }

    [Fact]
    public void At_the_deadline_missing_answers_count_as_no_answer_and_the_late_ones_are_recognised_once_each()
    {
        var attempt = new IsolationAttempt(TwoRequests, [1, 2]);
        attempt.Record(1, new DecryptionRefused { Reason = "too-few-signatures" });
        attempt.Expire();

        Assert.True(attempt.IsComplete);
        Assert.Equal(new Dictionary<string, int> { ["no-answer"] = 3, ["too-few-signatures"] = 1 }, attempt.Annotate(Round()).IsolationRefusals);
        Assert.True(attempt.TakeLate(1));
        Assert.False(attempt.TakeLate(1));
        Assert.True(attempt.TakeLate(2));
        Assert.True(attempt.TakeLate(2));
        Assert.False(attempt.TakeLate(2));
    }

    [Fact]
    public void A_runs_summary_says_how_many_isolation_attempts_were_refused_and_flags_a_success()
    {
        var refused = new IsolationAttempt(TwoRequests, [1]);
        refused.Record(1, new DecryptionRefused { Reason = "too-few-signatures" });
        refused.Record(1, new DecryptionRefused { Reason = "aggregate-mismatch" });
        var succeeded = new IsolationAttempt(TwoRequests, [1]);
        succeeded.Record(1, new DecryptionRefused { Reason = "too-few-signatures" });
        succeeded.Record(1, new DecryptionShare());

        Assert.Null(IsolationSummary.From([Round()]));
        Assert.Equal(
            "isolation attempts refused: 2 of 2 (aggregate-mismatch 1, too-few-signatures 1; 0 shares released)",
            IsolationSummary.From([refused.Annotate(Round()), Round()])!.ToString());
        Assert.EndsWith("isolation succeeded in 1 of 4: the key holders released t shares of an isolated aggregate",
            IsolationSummary.From([refused.Annotate(Round()), succeeded.Annotate(Round() with { Round = 2 })])!.ToString(), StringComparison.Ordinal);
    }
}
