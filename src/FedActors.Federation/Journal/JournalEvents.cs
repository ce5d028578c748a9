using System.Runtime.CompilerServices;
using FedActors.Actors.Serialization;
using FedActors.Persistence.Journal;
using Google.Protobuf;

namespace FedActors.Federation.Journal;

/// <summary>Reads a run's Coordinator journal back as its protobuf events (Protos/journal.proto), hash chain verified as it goes.</summary>
public static class JournalEvents
{
    private static readonly ProtobufSerializer Serializer = new();

    /// <summary>Every event of <paramref name="persistenceId"/> in order, decoded.</summary>
    /// <exception cref="JournalIntegrityException">An event's hash does not match its contents or its predecessor (names the sequence number).</exception>
    /// <exception cref="SerializationException">An event is not a protobuf journal event.</exception>
    public static async IAsyncEnumerable<(PersistentRepr Repr, IMessage Event)> ReadAsync(
        IJournal journal, string persistenceId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(journal);
        await foreach (var repr in journal.ReplayMessagesAsync(persistenceId, 1, long.MaxValue, long.MaxValue, cancellationToken).ConfigureAwait(false))
        {
            if (repr.SerializerId != ProtobufSerializer.Id)
            {
                throw new SerializationException($"Event {repr.SequenceNr} of '{persistenceId}' was written by serializer {repr.SerializerId}, not protobuf ({ProtobufSerializer.Id}); it is not a Coordinator journal event.");
            }
            yield return (repr, (IMessage)Serializer.FromBinary(repr.Payload.Span, repr.Manifest));
        }
    }
}
