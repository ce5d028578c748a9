using FedActors.Persistence.Journal;
using static FedActors.Persistence.Tests.Infrastructure.Events;

namespace FedActors.Persistence.Tests.Journal;

public sealed class AtomicWriteTests
{
    [Fact]
    public void Exposes_persistence_id_and_sequence_range()
    {
        var write = Write("p", 3, 5);
        Assert.Equal(("p", 3L, 5L), (write.PersistenceId, write.LowestSequenceNr, write.HighestSequenceNr));
    }

    [Fact]
    public void Rejects_an_empty_write()
    {
        Assert.Throws<ArgumentException>(() => new AtomicWrite(Array.Empty<PersistentRepr>()));
    }

    [Fact]
    public void Rejects_events_of_two_persistence_ids()
    {
        var error = Assert.Throws<ArgumentException>(() => new AtomicWrite([Event("a", 1), Event("b", 2)]));
        Assert.Contains("'a' and 'b'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_gap_in_sequence_numbers()
    {
        var error = Assert.Throws<ArgumentException>(() => new AtomicWrite([Event("a", 1), Event("a", 3)]));
        Assert.Contains("expected 2, was 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_sequence_numbers_below_one_and_empty_persistence_ids()
    {
        Assert.Throws<ArgumentException>(() => new AtomicWrite(Event("a", 0)));
        Assert.Throws<ArgumentException>(() => new AtomicWrite(Event("", 1)));
    }

    [Fact]
    public void Rejects_tags_that_cannot_be_stored()
    {
        Assert.Throws<ArgumentException>(() => new AtomicWrite(Event("a", 1, "x;y")));
        Assert.Throws<ArgumentException>(() => new AtomicWrite(Event("a", 1, "")));
    }
}
