namespace FedActors.Persistence.Journal;

/// <summary>
/// One journaled event as the journal stores it: already serialized (serializer id, manifest and
/// payload bytes) and chained to its predecessor by hash. Writers fill the identity and payload
/// fields; the journal fills <see cref="Timestamp"/>, <see cref="PrevHash"/> and <see cref="Hash"/>
/// when it writes, and replays always return all of them.
/// </summary>
/// <param name="PersistenceId">The persistent entity this event belongs to; never empty.</param>
/// <param name="SequenceNr">Position of the event in its entity's stream, starting at 1 with no gaps.</param>
/// <param name="Manifest">Serializer-specific type hint needed to decode <paramref name="Payload"/>.</param>
/// <param name="SerializerId">Identifier of the serializer that produced <paramref name="Payload"/>.</param>
/// <param name="Payload">The serialized event.</param>
public sealed record PersistentRepr(
    string PersistenceId,
    long SequenceNr,
    string Manifest,
    int SerializerId,
    ReadOnlyMemory<byte> Payload)
{
    /// <summary>Tags under which the event can be queried by <c>CurrentEventsByTag</c>; empty when untagged.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>When the journal accepted the event, at millisecond precision (set by the journal on write).</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>Identifies the writer instance (one per persistent actor incarnation).</summary>
    public string WriterUuid { get; init; } = "";

    /// <summary>Hash of the event with sequence number <c>SequenceNr - 1</c>, or <see cref="HashChain.Genesis"/> for the first event.</summary>
    public ReadOnlyMemory<byte> PrevHash { get; init; }

    /// <summary>SHA-256 over the canonical encoding of this event's fields and <see cref="PrevHash"/> (see <see cref="HashChain"/>).</summary>
    public ReadOnlyMemory<byte> Hash { get; init; }
}
