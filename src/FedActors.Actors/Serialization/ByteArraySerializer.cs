namespace FedActors.Actors.Serialization;

/// <summary>Passes <c>byte[]</c> messages through unchanged (id 4, empty manifest).</summary>
public sealed class ByteArraySerializer : Serializer
{
    /// <summary>The wire id of this serializer.</summary>
    public const int Id = 4;

    /// <inheritdoc/>
    public override int Identifier => Id;

    /// <inheritdoc/>
    public override string Manifest(object message) => string.Empty;

    /// <inheritdoc/>
    public override byte[] ToBinary(object message) => message as byte[] ??
        throw new SerializationException($"ByteArraySerializer only serializes byte[], not {message?.GetType().FullName}.");

    /// <inheritdoc/>
    public override object FromBinary(ReadOnlySpan<byte> bytes, string manifest) => bytes.ToArray();
}
