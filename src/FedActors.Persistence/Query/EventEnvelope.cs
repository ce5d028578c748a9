using FedActors.Persistence.Journal;

namespace FedActors.Persistence.Query;

/// <summary>An event returned by a query, with its global position in the journal.</summary>
/// <param name="Offset">The event's <c>ordering</c>: strictly increasing in write order across all persistence ids.</param>
/// <param name="Event">The stored event, hash fields included.</param>
public sealed record EventEnvelope(long Offset, PersistentRepr Event);
