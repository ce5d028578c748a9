namespace FedActors.Actors.Serialization;

/// <summary>A message in wire form: which serializer wrote it, its manifest and the bytes.</summary>
/// <param name="SerializerId">The <see cref="Serializer.Identifier"/> of the serializer that wrote it.</param>
/// <param name="Manifest">The serializer's manifest (for types: the type name).</param>
/// <param name="Payload">The serialized bytes.</param>
public sealed record SerializedMessage(int SerializerId, string Manifest, byte[] Payload);
