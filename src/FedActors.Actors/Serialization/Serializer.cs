namespace FedActors.Actors.Serialization;

/// <summary>
/// Turns messages into bytes and back. A serializer has a stable integer <see cref="Identifier"/>
/// (it travels with every payload, so it must never change) and writes a string manifest that
/// tells it, on the way back, which type to create.
/// </summary>
public abstract class Serializer
{
    /// <summary>The serializer's wire id, unique within a registry and stable across versions.</summary>
    public abstract int Identifier { get; }

    /// <summary>The manifest stored beside the payload of <paramref name="message"/>.</summary>
    public abstract string Manifest(object message);

    /// <summary>Serializes <paramref name="message"/>.</summary>
    public abstract byte[] ToBinary(object message);

    /// <summary>Deserializes a payload written by <see cref="ToBinary"/> with the given manifest.</summary>
    /// <exception cref="SerializationException">The manifest is unknown or the bytes are corrupt.</exception>
    public abstract object FromBinary(ReadOnlySpan<byte> bytes, string manifest);
}
