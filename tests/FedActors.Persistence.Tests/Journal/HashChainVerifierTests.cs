using FedActors.Persistence.Journal;
using FedActors.Persistence.Memory;
using static FedActors.Persistence.Tests.Infrastructure.Events;

namespace FedActors.Persistence.Tests.Journal;

public sealed class HashChainVerifierTests
{
    private readonly MemoryJournal _journal = new(new ManualTimeProvider());

    [Fact]
    public async Task Counts_the_live_events_of_every_persistence_id_after_verifying_all_chains()
    {
        await _journal.WriteMessagesAsync([Write("a", 1, 3), Write("b", 1, 2)]);
        await _journal.DeleteMessagesToAsync("a", 1);

        var counts = await HashChainVerifier.VerifyAllAsync(_journal, _journal);
        Assert.Equal(new Dictionary<string, long> { ["a"] = 2, ["b"] = 2 }, counts);
    }

    [Fact]
    public async Task Names_the_first_broken_link_even_in_a_deleted_event()
    {
        await _journal.WriteMessagesAsync([Write("a", 1, 3)]);
        await _journal.DeleteMessagesToAsync("a", 2);
        _journal.Tamper("a", 1, r => r with { Payload = new byte[] { 9 } });

        var error = await Assert.ThrowsAsync<JournalIntegrityException>(() => HashChainVerifier.VerifyAllAsync(_journal, _journal));
        Assert.Equal(("a", 1L), (error.PersistenceId, error.SequenceNr));
    }
}
