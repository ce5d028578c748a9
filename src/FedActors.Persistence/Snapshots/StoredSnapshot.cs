namespace FedActors.Persistence.Snapshots;

/// <summary>A serialized snapshot as a snapshot store saves and loads it.</summary>
/// <param name="Metadata">Which entity, up to which event, and when.</param>
/// <param name="SerializerId">Identifier of the serializer that produced <paramref name="Payload"/>.</param>
/// <param name="Manifest">Serializer-specific type hint needed to decode <paramref name="Payload"/>.</param>
/// <param name="Payload">The serialized state.</param>
public sealed record StoredSnapshot(SnapshotMetadata Metadata, int SerializerId, string Manifest, ReadOnlyMemory<byte> Payload);
