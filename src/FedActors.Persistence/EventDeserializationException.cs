namespace FedActors.Persistence;

/// <summary>Thrown during recovery when a stored event or snapshot cannot be deserialized; names where it is and how it was written.</summary>
public sealed class EventDeserializationException : Exception
{
    /// <summary>Creates the exception for the event or snapshot at <paramref name="sequenceNr"/> of <paramref name="persistenceId"/>.</summary>
    public EventDeserializationException(string what, string persistenceId, long sequenceNr, int serializerId, string manifest, Exception inner)
        : base($"Cannot deserialize the {what} of persistence id '{persistenceId}' at sequence number {sequenceNr} " +
               $"(serializer {serializerId}, manifest '{manifest}'): {inner.Message} " +
               "Register the serializer and types this journal was written with, or restore the data.", inner)
    {
        PersistenceId = persistenceId;
        SequenceNr = sequenceNr;
    }

    /// <summary>The persistence id being recovered.</summary>
    public string PersistenceId { get; }

    /// <summary>Sequence number of the undecodable event or snapshot.</summary>
    public long SequenceNr { get; }
}
