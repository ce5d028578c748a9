using FedActors.Actors.Serialization;
using FedActors.Persistence.Journal;
using FedActors.Persistence.Protos;
using FedActors.Persistence.Snapshots;
using Google.Protobuf;

namespace FedActors.Persistence.Serialization;

/// <summary>
/// Protobuf serializer for the persistence layer's own types (<see cref="PersistentRepr"/>,
/// <see cref="AtomicWrite"/>, <see cref="SnapshotMetadata"/>, <see cref="StoredSnapshot"/>), after
/// Akka.Persistence's <c>PersistenceMessageSerializer</c>. Decoding validates what it reads, so
/// damaged or hostile bytes end in a <see cref="SerializationException"/> naming the manifest.
/// </summary>
public sealed class PersistenceMessageSerializer : Serializer
{
    /// <summary>Serializer identifier stored beside every payload this serializer produced.</summary>
    public const int SerializerId = 7;

    /// <summary>Manifest of <see cref="PersistentRepr"/>.</summary>
    public const string PersistentReprManifest = "P";

    /// <summary>Manifest of <see cref="AtomicWrite"/>.</summary>
    public const string AtomicWriteManifest = "A";

    /// <summary>Manifest of <see cref="SnapshotMetadata"/>.</summary>
    public const string SnapshotMetadataManifest = "M";

    /// <summary>Manifest of <see cref="StoredSnapshot"/>.</summary>
    public const string StoredSnapshotManifest = "S";

    /// <summary>The serializer identifier; see <see cref="SerializerId"/>.</summary>
    public override int Identifier => SerializerId;

    /// <summary>Binds this serializer to the four types it handles in <paramref name="registry"/>.</summary>
    public static void Register(SerializerRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var serializer = new PersistenceMessageSerializer();
        registry.Bind<PersistentRepr>(serializer);
        registry.Bind<AtomicWrite>(serializer);
        registry.Bind<SnapshotMetadata>(serializer);
        registry.Bind<StoredSnapshot>(serializer);
    }

    /// <summary>The manifest that identifies <paramref name="message"/>'s type.</summary>
    /// <exception cref="ArgumentException">When the type is not one this serializer handles.</exception>
    public override string Manifest(object message) => message switch
    {
        PersistentRepr => PersistentReprManifest,
        AtomicWrite => AtomicWriteManifest,
        SnapshotMetadata => SnapshotMetadataManifest,
        StoredSnapshot => StoredSnapshotManifest,
        _ => throw Unsupported(message),
    };

    /// <summary>Serializes <paramref name="message"/>.</summary>
    /// <exception cref="ArgumentException">When the type is not one this serializer handles.</exception>
    public override byte[] ToBinary(object message) => message switch
    {
        PersistentRepr repr => ToProto(repr).ToByteArray(),
        AtomicWrite write => ToProto(write).ToByteArray(),
        SnapshotMetadata metadata => ToProto(metadata).ToByteArray(),
        StoredSnapshot snapshot => new SnapshotMessage
        {
            Metadata = ToProto(snapshot.Metadata),
            SerializerId = snapshot.SerializerId,
            Manifest = snapshot.Manifest,
            Payload = ByteString.CopyFrom(snapshot.Payload.Span),
        }.ToByteArray(),
        _ => throw Unsupported(message),
    };

    /// <summary>Deserializes bytes produced by <see cref="ToBinary"/> for <paramref name="manifest"/>.</summary>
    /// <exception cref="SerializationException">When the manifest is unknown or the bytes do not decode to a valid value.</exception>
    public override object FromBinary(ReadOnlySpan<byte> bytes, string manifest)
    {
        try
        {
            return manifest switch
            {
                PersistentReprManifest => FromProto(PersistentMessage.Parser.ParseFrom(bytes)),
                AtomicWriteManifest => new AtomicWrite(AtomicWriteMessage.Parser.ParseFrom(bytes).Events.Select(FromProto).ToList()),
                SnapshotMetadataManifest => FromProto(SnapshotMetadataMessage.Parser.ParseFrom(bytes)),
                StoredSnapshotManifest => FromProto(SnapshotMessage.Parser.ParseFrom(bytes)),
                _ => throw new SerializationException(
                    $"Persistence serializer {SerializerId} has no manifest '{manifest}'; valid manifests are P, A, M and S."),
            };
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or ArgumentException)
        {
            throw new SerializationException($"Persistence serializer {SerializerId} cannot decode {bytes.Length} bytes with manifest '{manifest}': {e.Message}", e);
        }
    }

    private static ArgumentException Unsupported(object message) => new(
        $"PersistenceMessageSerializer handles PersistentRepr, AtomicWrite, SnapshotMetadata and StoredSnapshot, not {message.GetType().FullName}.",
        nameof(message));

    private static PersistentMessage ToProto(PersistentRepr repr)
    {
        var message = new PersistentMessage
        {
            PersistenceId = repr.PersistenceId,
            SequenceNr = repr.SequenceNr,
            Manifest = repr.Manifest,
            SerializerId = repr.SerializerId,
            Payload = ByteString.CopyFrom(repr.Payload.Span),
            TimestampUnixMs = repr.Timestamp.ToUnixTimeMilliseconds(),
            WriterUuid = repr.WriterUuid,
            PrevHash = ByteString.CopyFrom(repr.PrevHash.Span),
            Hash = ByteString.CopyFrom(repr.Hash.Span),
        };
        message.Tags.AddRange(repr.Tags);
        return message;
    }

    private static AtomicWriteMessage ToProto(AtomicWrite write)
    {
        var message = new AtomicWriteMessage();
        message.Events.AddRange(write.Events.Select(ToProto));
        return message;
    }

    private static SnapshotMetadataMessage ToProto(SnapshotMetadata metadata) => new()
    {
        PersistenceId = metadata.PersistenceId,
        SequenceNr = metadata.SequenceNr,
        TimestampUnixMs = metadata.Timestamp.ToUnixTimeMilliseconds(),
    };

    private static PersistentRepr FromProto(PersistentMessage message)
    {
        if (message.PrevHash.Length is not (0 or HashChain.HashSize) || message.Hash.Length is not (0 or HashChain.HashSize))
        {
            throw new ArgumentException($"hashes must be empty or {HashChain.HashSize} bytes, were {message.PrevHash.Length} and {message.Hash.Length}");
        }

        foreach (var tag in message.Tags)
        {
            JournalTags.Validate(tag);
        }

        return new PersistentRepr(message.PersistenceId, message.SequenceNr, message.Manifest, message.SerializerId, message.Payload.ToByteArray())
        {
            Tags = message.Tags.ToArray(),
            Timestamp = FromUnixMs(message.TimestampUnixMs),
            WriterUuid = message.WriterUuid,
            PrevHash = message.PrevHash.ToByteArray(),
            Hash = message.Hash.ToByteArray(),
        };
    }

    private static SnapshotMetadata FromProto(SnapshotMetadataMessage message) =>
        new(message.PersistenceId, message.SequenceNr, FromUnixMs(message.TimestampUnixMs));

    private static StoredSnapshot FromProto(SnapshotMessage message) =>
        new(FromProto(message.Metadata ?? throw new ArgumentException("snapshot metadata is missing")),
            message.SerializerId, message.Manifest, message.Payload.ToByteArray());

    private static DateTimeOffset FromUnixMs(long milliseconds) =>
        milliseconds is < -62_135_596_800_000 or > 253_402_300_799_999
            ? throw new ArgumentException($"timestamp {milliseconds} ms is outside the representable range")
            : DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
}
