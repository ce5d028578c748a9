using System.Text;
using FedActors.Persistence.Journal;

namespace FedActors.Persistence.Tests.Infrastructure;

/// <summary>Builds test events: payload "pid-seq" in UTF-8, serializer id 7, manifest "test".</summary>
public static class Events
{
    public const string WriterUuid = "writer-1";

    public static PersistentRepr Event(string persistenceId, long sequenceNr, params string[] tags) =>
        new(persistenceId, sequenceNr, "test", 7, Encoding.UTF8.GetBytes($"{persistenceId}-{sequenceNr}"))
        {
            Tags = tags,
            WriterUuid = WriterUuid,
        };

    public static AtomicWrite Write(string persistenceId, long from, long to, params string[] tags) =>
        new(Enumerable.Range((int)from, (int)(to - from + 1)).Select(s => Event(persistenceId, s, tags)).ToList());

    public static string PayloadText(PersistentRepr repr) => Encoding.UTF8.GetString(repr.Payload.Span);
}
