using FedActors.Persistence.Journal;
using FedActors.Persistence.Query;
using FedActors.Persistence.Tests.Infrastructure;
using static FedActors.Persistence.Tests.Infrastructure.Events;

namespace FedActors.Persistence.Tests.Journal;

/// <summary>
/// The journal contract every plugin must meet (Akka.Persistence TCK's JournalSpec is the model),
/// plus the hash chain. Each test gets a fresh, empty journal.
/// </summary>
public abstract class JournalSpec : IAsyncLifetime
{
    protected const string Pid = "p-1";

    private IJournal? _journal;

    protected ManualTimeProvider Time { get; } = new();

    protected IJournal Journal => _journal ?? throw new InvalidOperationException("The journal is created in InitializeAsync.");

    protected IReadJournal Queries => (IReadJournal)Journal;

    public async Task InitializeAsync() => _journal = await CreateJournalAsync();

    public async Task DisposeAsync()
    {
        if (_journal is not null)
        {
            await _journal.DisposeAsync();
        }

        await CleanupAsync();
    }

    protected abstract Task<IJournal> CreateJournalAsync();

    protected virtual Task CleanupAsync() => Task.CompletedTask;

    /// <summary>Changes the stored payload of one event behind the journal's back (its hash columns untouched).</summary>
    protected abstract Task TamperPayloadAsync(string persistenceId, long sequenceNr);

    /// <summary>Removes one stored event behind the journal's back.</summary>
    protected abstract Task RemoveEventAsync(string persistenceId, long sequenceNr);

    private async Task WriteFiveAsync(string persistenceId = Pid) => await Journal.WriteMessagesAsync([Write(persistenceId, 1, 5)]);

    private async Task<List<long>> ReplaySequenceNrsAsync(long from, long to, long max, string persistenceId = Pid)
    {
        var result = new List<long>();
        await foreach (var repr in Journal.ReplayMessagesAsync(persistenceId, from, to, max))
        {
            result.Add(repr.SequenceNr);
        }

        return result;
    }

    [SpecFact]
    public async Task Replays_all_messages()
    {
        await WriteFiveAsync();
        var replayed = new List<PersistentRepr>();
        await foreach (var repr in Journal.ReplayMessagesAsync(Pid, 1, long.MaxValue, long.MaxValue))
        {
            replayed.Add(repr);
        }

        Assert.Equal([1, 2, 3, 4, 5], replayed.Select(r => r.SequenceNr));
        Assert.Equal(["p-1-1", "p-1-2", "p-1-3", "p-1-4", "p-1-5"], replayed.Select(PayloadText));
    }

    [SpecFact]
    public async Task Replays_messages_using_a_lower_bound()
    {
        await WriteFiveAsync();
        Assert.Equal([3, 4, 5], await ReplaySequenceNrsAsync(3, long.MaxValue, long.MaxValue));
    }

    [SpecFact]
    public async Task Replays_messages_using_an_upper_bound()
    {
        await WriteFiveAsync();
        Assert.Equal([1, 2, 3], await ReplaySequenceNrsAsync(1, 3, long.MaxValue));
    }

    [SpecFact]
    public async Task Replays_messages_using_a_count_limit()
    {
        await WriteFiveAsync();
        Assert.Equal([1, 2, 3], await ReplaySequenceNrsAsync(1, long.MaxValue, 3));
    }

    [SpecFact]
    public async Task Replays_messages_using_lower_and_upper_bound()
    {
        await WriteFiveAsync();
        Assert.Equal([2, 3], await ReplaySequenceNrsAsync(2, 3, long.MaxValue));
    }

    [SpecFact]
    public async Task Replays_messages_using_lower_and_upper_bound_and_a_count_limit()
    {
        await WriteFiveAsync();
        Assert.Equal([2], await ReplaySequenceNrsAsync(2, 3, 1));
    }

    [SpecFact]
    public async Task Replays_nothing_when_the_count_limit_is_zero()
    {
        await WriteFiveAsync();
        Assert.Empty(await ReplaySequenceNrsAsync(1, long.MaxValue, 0));
    }

    [SpecFact]
    public async Task Replays_nothing_when_the_lower_bound_is_greater_than_the_upper_bound()
    {
        await WriteFiveAsync();
        Assert.Empty(await ReplaySequenceNrsAsync(3, 2, long.MaxValue));
    }

    [SpecFact]
    public async Task Replays_nothing_for_an_unknown_persistence_id()
    {
        await WriteFiveAsync();
        Assert.Empty(await ReplaySequenceNrsAsync(1, long.MaxValue, long.MaxValue, "unknown"));
    }

    [SpecFact]
    public async Task Does_not_replay_deleted_messages()
    {
        await WriteFiveAsync();
        await Journal.DeleteMessagesToAsync(Pid, 3);
        Assert.Equal([4, 5], await ReplaySequenceNrsAsync(1, long.MaxValue, long.MaxValue));
        Assert.Equal([4], await ReplaySequenceNrsAsync(2, 4, long.MaxValue));
    }

    [SpecFact]
    public async Task Reports_the_highest_sequence_number()
    {
        Assert.Equal(0, await Journal.ReadHighestSequenceNrAsync(Pid));
        await WriteFiveAsync();
        Assert.Equal(5, await Journal.ReadHighestSequenceNrAsync(Pid));
    }

    [SpecFact]
    public async Task Keeps_the_highest_sequence_number_after_deleting_all_messages()
    {
        await WriteFiveAsync();
        await Journal.DeleteMessagesToAsync(Pid, long.MaxValue);
        Assert.Equal(5, await Journal.ReadHighestSequenceNrAsync(Pid));
        Assert.Empty(await ReplaySequenceNrsAsync(1, long.MaxValue, long.MaxValue));
        await Journal.WriteMessagesAsync([Write(Pid, 6, 6)]);
        Assert.Equal([6], await ReplaySequenceNrsAsync(1, long.MaxValue, long.MaxValue));
    }

    [SpecFact]
    public async Task Round_trips_every_field_and_stamps_the_write_time()
    {
        var written = Event(Pid, 1, "alpha", "beta") with { Manifest = "Coordinator.RoundOpened", SerializerId = 42, WriterUuid = "w-9" };
        await Journal.WriteMessagesAsync([new AtomicWrite(written)]);
        var replayed = await Journal.ReplayMessagesAsync(Pid, 1, 1, 1).SingleAsync();

        Assert.Equal(Pid, replayed.PersistenceId);
        Assert.Equal(1, replayed.SequenceNr);
        Assert.Equal("Coordinator.RoundOpened", replayed.Manifest);
        Assert.Equal(42, replayed.SerializerId);
        Assert.Equal(written.Payload.ToArray(), replayed.Payload.ToArray());
        Assert.Equal(["alpha", "beta"], replayed.Tags);
        Assert.Equal("w-9", replayed.WriterUuid);
        Assert.Equal(Time.GetUtcNow(), replayed.Timestamp);
    }

    [SpecFact]
    public async Task Chains_each_event_to_its_predecessor()
    {
        await WriteFiveAsync();
        var replayed = await Journal.ReplayMessagesAsync(Pid, 1, long.MaxValue, long.MaxValue).ToListAsync();

        Assert.Equal(HashChain.Genesis.ToArray(), replayed[0].PrevHash.ToArray());
        for (var i = 1; i < replayed.Count; i++)
        {
            Assert.Equal(replayed[i - 1].Hash.ToArray(), replayed[i].PrevHash.ToArray());
        }

        Assert.All(replayed, r => Assert.Equal(HashChain.ComputeHash(r, r.PrevHash.Span), r.Hash.ToArray()));
    }

    [SpecFact]
    public async Task Continues_the_chain_across_separate_writes()
    {
        await Journal.WriteMessagesAsync([Write(Pid, 1, 2)]);
        await Journal.WriteMessagesAsync([Write(Pid, 3, 3)]);
        var replayed = await Journal.ReplayMessagesAsync(Pid, 1, long.MaxValue, long.MaxValue).ToListAsync();
        Assert.Equal(replayed[1].Hash.ToArray(), replayed[2].PrevHash.ToArray());
    }

    [SpecFact]
    public async Task Writes_several_atomic_writes_of_several_persistence_ids_in_one_call()
    {
        await Journal.WriteMessagesAsync([Write("a", 1, 2), Write("b", 1, 3), Write("a", 3, 3)]);
        Assert.Equal([1, 2, 3], await ReplaySequenceNrsAsync(1, long.MaxValue, long.MaxValue, "a"));
        Assert.Equal([1, 2, 3], await ReplaySequenceNrsAsync(1, long.MaxValue, long.MaxValue, "b"));
    }

    [SpecFact]
    public async Task Rejects_a_write_that_does_not_continue_the_stream_and_stores_nothing_of_it()
    {
        await Journal.WriteMessagesAsync([Write(Pid, 1, 2)]);

        var duplicate = await Assert.ThrowsAsync<SequenceNumberConflictException>(() => Journal.WriteMessagesAsync([Write(Pid, 2, 4)]));
        var gap = await Assert.ThrowsAsync<SequenceNumberConflictException>(() => Journal.WriteMessagesAsync([Write(Pid, 5, 5)]));

        Assert.Equal((3, 2), (duplicate.Expected, duplicate.Actual));
        Assert.Equal((3, 5), (gap.Expected, gap.Actual));
        Assert.Equal([1, 2], await ReplaySequenceNrsAsync(1, long.MaxValue, long.MaxValue));
        Assert.Equal(2, await Journal.ReadHighestSequenceNrAsync(Pid));
        await Journal.WriteMessagesAsync([Write(Pid, 3, 3)]);
        Assert.Equal(3, await Journal.ReadHighestSequenceNrAsync(Pid));
    }

    [SpecFact]
    public async Task Stores_all_concurrent_writes_of_many_writers()
    {
        const int Writers = 8;
        const int WritesEach = 10;
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var s = 1; s <= WritesEach; s++)
            {
                await Journal.WriteMessagesAsync([Write($"w-{w}", s, s)]);
            }
        })));

        for (var w = 0; w < Writers; w++)
        {
            Assert.Equal(Enumerable.Range(1, WritesEach).Select(i => (long)i), await ReplaySequenceNrsAsync(1, long.MaxValue, long.MaxValue, $"w-{w}"));
        }
    }

    [SpecFact]
    public async Task Refuses_to_replay_a_tampered_event_naming_persistence_id_and_sequence_number()
    {
        await WriteFiveAsync();
        await TamperPayloadAsync(Pid, 3);

        var replayed = new List<long>();
        var error = await Assert.ThrowsAsync<JournalIntegrityException>(async () =>
        {
            await foreach (var repr in Journal.ReplayMessagesAsync(Pid, 1, long.MaxValue, long.MaxValue))
            {
                replayed.Add(repr.SequenceNr);
            }
        });

        Assert.Equal([1, 2], replayed);
        Assert.Equal(Pid, error.PersistenceId);
        Assert.Equal(3, error.SequenceNr);
        Assert.Contains("'p-1'", error.Message, StringComparison.Ordinal);
        Assert.Contains("sequence number 3", error.Message, StringComparison.Ordinal);
    }

    [SpecFact]
    public async Task Refuses_to_replay_when_an_event_was_removed()
    {
        await WriteFiveAsync();
        await RemoveEventAsync(Pid, 3);

        var error = await Assert.ThrowsAsync<JournalIntegrityException>(async () => await ReplaySequenceNrsAsync(1, long.MaxValue, long.MaxValue));
        Assert.Equal(3, error.SequenceNr);
    }

    [SpecFact]
    public async Task Replay_from_the_middle_checks_the_link_to_the_event_before()
    {
        await WriteFiveAsync();
        await TamperPayloadAsync(Pid, 2);

        var error = await Assert.ThrowsAsync<JournalIntegrityException>(async () => await ReplaySequenceNrsAsync(3, long.MaxValue, long.MaxValue));
        Assert.Equal(2, error.SequenceNr);
        Assert.Equal([4, 5], await ReplaySequenceNrsAsync(4, long.MaxValue, long.MaxValue));
    }

    [SpecFact]
    public async Task Deleted_events_still_anchor_the_chain()
    {
        await WriteFiveAsync();
        await Journal.DeleteMessagesToAsync(Pid, 4);
        await TamperPayloadAsync(Pid, 4);

        var error = await Assert.ThrowsAsync<JournalIntegrityException>(async () => await ReplaySequenceNrsAsync(1, long.MaxValue, long.MaxValue));
        Assert.Equal(4, error.SequenceNr);
    }

    [SpecFact]
    public async Task Queries_events_by_persistence_id_in_a_range_with_increasing_offsets()
    {
        await Journal.WriteMessagesAsync([Write("a", 1, 3), Write("b", 1, 1), Write("a", 4, 5)]);
        var envelopes = await Queries.CurrentEventsByPersistenceIdAsync("a", 2, 4).ToListAsync();

        Assert.Equal([2, 3, 4], envelopes.Select(e => e.Event.SequenceNr));
        Assert.True(envelopes.Zip(envelopes.Skip(1)).All(p => p.First.Offset < p.Second.Offset));
        Assert.All(envelopes, e => Assert.Equal("a", e.Event.PersistenceId));
    }

    [SpecFact]
    public async Task Queries_events_by_tag_from_an_offset()
    {
        await Journal.WriteMessagesAsync([Write("a", 1, 2, "red")]);
        await Journal.WriteMessagesAsync([Write("b", 1, 1, "blue")]);
        await Journal.WriteMessagesAsync([new AtomicWrite(Event("c", 1, "red", "blue"))]);
        await Journal.WriteMessagesAsync([new AtomicWrite(Event("d", 1, "redder"))]);

        var red = await Queries.CurrentEventsByTagAsync("red", 0).ToListAsync();
        Assert.Equal(["a-1", "a-2", "c-1"], red.Select(e => $"{e.Event.PersistenceId}-{e.Event.SequenceNr}"));

        var afterFirst = await Queries.CurrentEventsByTagAsync("red", red[0].Offset).ToListAsync();
        Assert.Equal(red.Skip(1).Select(e => e.Offset), afterFirst.Select(e => e.Offset));
        Assert.Empty(await Queries.CurrentEventsByTagAsync("green", 0).ToListAsync());
    }

    [SpecFact]
    public async Task Tag_queries_skip_deleted_events()
    {
        await Journal.WriteMessagesAsync([Write("a", 1, 3, "red")]);
        await Journal.DeleteMessagesToAsync("a", 2);
        Assert.Equal([3], (await Queries.CurrentEventsByTagAsync("red", 0).ToListAsync()).Select(e => e.Event.SequenceNr));
    }

    [SpecFact]
    public async Task Tags_with_like_wildcards_match_only_themselves()
    {
        await Journal.WriteMessagesAsync([new AtomicWrite(Event("a", 1, "50%_off")), new AtomicWrite(Event("b", 1, "50xxoff"))]);
        Assert.Equal(["a"], (await Queries.CurrentEventsByTagAsync("50%_off", 0).ToListAsync()).Select(e => e.Event.PersistenceId));
    }

    [SpecFact]
    public async Task Lists_all_persistence_ids()
    {
        await Journal.WriteMessagesAsync([Write("zeta", 1, 1), Write("alpha", 1, 2), Write("mid", 1, 1)]);
        Assert.Equal(["alpha", "mid", "zeta"], await Queries.CurrentPersistenceIdsAsync().ToListAsync());
    }
}
