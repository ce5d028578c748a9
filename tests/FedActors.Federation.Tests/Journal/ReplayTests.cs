using FedActors.Federation.Coordinator;
using FedActors.Federation.Journal;
using FedActors.Federation.Metrics;
using FedActors.Federation.Scenarios;

namespace FedActors.Federation.Tests.Journal;

public sealed class ReplayTests(RecordedRun recorded) : IClassFixture<RecordedRun>
{
    private static async Task<RunVerification> VerifyAsync(string directory)
    {
        var settings = RecordedRun.StoreSettings(directory);
        await using var journal = RunStore.OpenJournal(JournalSettings.Default, settings, TimeProvider.System);
        return await RunVerifier.VerifyAsync(journal, journal, RunStore.ReadRunId(directory), new BlobStore(directory),
            (id, n) => RunStore.ManifestAtAsync(JournalSettings.Default, settings, id, n));
    }

    [Fact]
    public async Task A_fresh_run_verifies_its_chain_every_signature_and_every_stored_contribution()
    {
        var result = await VerifyAsync(recorded.Copy("fresh"));

        var accepted = recorded.Metrics.Rounds.Sum(r => r.Contributions.Accepted);
        Assert.Equal(accepted, result.Signatures);
        Assert.Equal(accepted, result.Blobs);
        Assert.True(result.Events > accepted);
    }

    [Fact]
    public async Task One_altered_byte_in_a_journal_row_fails_verification_naming_persistence_id_sequence_number_and_event_type()
    {
        var directory = recorded.Copy("altered");
        var run = await RecordedRun.ReadAsync(directory);
        RecordedRun.FlipPayloadBit(directory, 4);

        var e = await Assert.ThrowsAsync<JournalVerificationException>(() => VerifyAsync(directory));

        Assert.Equal(CoordinatorActor.PersistenceIdOf(run.Started.RunId), e.PersistenceId);
        Assert.Equal(4, e.SequenceNr);
        Assert.Equal("ContributionAccepted", e.EventType);
        Assert.Contains($"#4 (ContributionAccepted)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_altered_stored_contribution_fails_verification_naming_its_event_and_blob_file()
    {
        var directory = recorded.Copy("blob");
        var run = await RecordedRun.ReadAsync(directory);
        var blobs = new BlobStore(directory);
        var path = blobs.PathOf(run.Rounds[1].Accepted[0].ContributionHash.Span);
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[0] ^= 1;
        await File.WriteAllBytesAsync(path, bytes);

        var e = await Assert.ThrowsAsync<JournalVerificationException>(() => VerifyAsync(directory));

        Assert.Equal("ContributionAccepted", e.EventType);
        Assert.Contains(path, e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_journal_tells_every_round_with_its_selection_contributions_and_model_hash()
    {
        var run = await RecordedRun.ReadAsync(recorded.Directory);

        Assert.NotNull(run.Completed);
        Assert.Equal(recorded.Metrics.Rounds.Select(r => r.ModelHash), run.Rounds.Select(r => r.ModelHash is null ? null : Convert.ToHexStringLower(r.ModelHash)));
        Assert.All(run.Rounds, r =>
        {
            Assert.Equal("completed", r.Status);
            Assert.Equal(3, r.Opened.Selected.Count);
            Assert.Equal(r.Opened.Selected.Order(), r.Accepted.Select(a => a.ClientId).Order());
        });
    }

    [Fact]
    public async Task Reexecution_finds_no_divergence_on_an_honest_run_and_the_first_divergence_when_a_recorded_hash_is_altered()
    {
        var run = await RecordedRun.ReadAsync(recorded.Directory);
        var honest = await RunReexecution.RunAsync(RecordedRun.Runner(), run, Path.Combine(recorded.Root, "reexecute-honest"));
        Assert.Equal(3, honest.Count);
        Assert.All(honest, c => Assert.True(c.Matches, $"round {c.Round}: {c.RecordedHash} vs {c.ReexecutedHash}"));

        var hash = (byte[])run.Rounds[1].ModelHash!.Clone();
        hash[0] ^= 1;
        var altered = run with { Rounds = [run.Rounds[0], run.Rounds[1] with { ModelHash = hash }, run.Rounds[2]] };
        var diverged = await RunReexecution.RunAsync(RecordedRun.Runner(), altered, Path.Combine(recorded.Root, "reexecute-altered"));

        var first = diverged.First(c => !c.Matches);
        Assert.Equal(2, first.Round);
        Assert.Equal(Convert.ToHexStringLower(hash), first.RecordedHash);
        Assert.Equal(recorded.Metrics.Rounds[1].ModelHash, first.ReexecutedHash);
    }

    [Fact]
    public async Task A_fork_takes_the_rounds_before_k_as_recorded_runs_the_rest_with_the_override_and_verifies()
    {
        var original = recorded.Copy("forked");

        var fork = await RunFork.CreateAsync(original, 2, ["federation.aggregation=median"], RecordedRun.Persistence, TimeProvider.System);
        var metrics = await RecordedRun.Runner().ResumeAsync(fork);

        Assert.Equal(original + "-fork-2-federation.aggregation=median", fork);
        Assert.Equal(3, metrics.Rounds.Count);
        Assert.Equal(recorded.Metrics.Rounds[0].ModelHash, metrics.Rounds[0].ModelHash);
        Assert.Equal(recorded.Metrics.Rounds[0].TestAccuracy, metrics.Rounds[0].TestAccuracy);
        Assert.NotEqual(recorded.Metrics.Rounds[1].ModelHash, metrics.Rounds[1].ModelHash);
        Assert.Equal("median", metrics.Run.Aggregation);
        var forked = await RecordedRun.ReadAsync(fork);
        Assert.Equal(RunStore.ReadRunId(original), forked.Started.ForkedFromRunId);
        Assert.Equal(2u, forked.Started.ForkAtRound);
        var verified = await VerifyAsync(fork);
        Assert.Equal(metrics.Rounds.Sum(r => r.Contributions.Accepted), verified.Signatures);
    }

    [Fact]
    public async Task A_fork_at_a_round_the_original_never_reached_is_refused_with_the_valid_range()
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() => RunFork.CreateAsync(recorded.Directory, 9, [], RecordedRun.Persistence, TimeProvider.System));
        Assert.Contains("2..3", e.Message, StringComparison.Ordinal);
    }
}
