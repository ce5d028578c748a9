using FedActors.Persistence.Journal;

namespace FedActors.Persistence.Sql;

/// <summary>One row of the journal table: the event plus its storage-only columns.</summary>
internal sealed record JournalRow(long Ordering, bool Deleted, PersistentRepr Repr);
