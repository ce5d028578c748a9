using FedActors.Persistence.Journal;
using FedActors.Persistence.Memory;
using FedActors.Persistence.Tests.Journal;

namespace FedActors.Persistence.Tests.Memory;

public sealed class MemoryJournalSpec : JournalSpec
{
    private MemoryJournal? _journal;

    protected override Task<IJournal> CreateJournalAsync()
    {
        _journal = new MemoryJournal(Time);
        return Task.FromResult<IJournal>(_journal);
    }

    protected override Task TamperPayloadAsync(string persistenceId, long sequenceNr)
    {
        _journal!.Tamper(persistenceId, sequenceNr, r => r with { Payload = new byte[] { 0xFF } });
        return Task.CompletedTask;
    }

    protected override Task RemoveEventAsync(string persistenceId, long sequenceNr)
    {
        // Renumbering the event away is the in-memory equivalent of deleting its row.
        _journal!.Tamper(persistenceId, sequenceNr, r => r with { SequenceNr = -sequenceNr });
        return Task.CompletedTask;
    }
}
