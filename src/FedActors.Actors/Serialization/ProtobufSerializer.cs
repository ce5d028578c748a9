using System.Collections.Concurrent;
using System.Reflection;
using Google.Protobuf;

namespace FedActors.Actors.Serialization;

/// <summary>
/// Serializes any <see cref="IMessage"/> (protoc-generated class) with its protobuf encoding (id 2).
/// The manifest is the .NET type name with its assembly (<c>Namespace.Type, Assembly</c>); on the way
/// back only types that implement <see cref="IMessage"/> and have a static <c>Parser</c> are created,
/// and the parser is looked up once per type and cached.
/// </summary>
public sealed class ProtobufSerializer : Serializer
{
    /// <summary>The wire id of this serializer.</summary>
    public const int Id = 2;

    private readonly ConcurrentDictionary<string, MessageParser> _parsers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Type, string> _manifests = new();

    /// <inheritdoc/>
    public override int Identifier => Id;

    /// <summary>The manifest of a protobuf message type.</summary>
    public string ManifestOf(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return _manifests.GetOrAdd(type, static t => $"{t.FullName}, {t.Assembly.GetName().Name}");
    }

    /// <inheritdoc/>
    public override string Manifest(object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return ManifestOf(message.GetType());
    }

    /// <inheritdoc/>
    public override byte[] ToBinary(object message) => message is IMessage protobuf
        ? protobuf.ToByteArray()
        : throw new SerializationException($"ProtobufSerializer only serializes Google.Protobuf.IMessage types, not {message?.GetType().FullName}.");

    /// <inheritdoc/>
    public override object FromBinary(ReadOnlySpan<byte> bytes, string manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var parser = _parsers.GetOrAdd(manifest, FindParser);
        try
        {
            return parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new SerializationException($"The protobuf payload for '{manifest}' is corrupt: {e.Message}", e);
        }
    }

    private static MessageParser FindParser(string manifest)
    {
        var type = Type.GetType(manifest, throwOnError: false);
        if (type is null || !typeof(IMessage).IsAssignableFrom(type))
        {
            throw new SerializationException($"Manifest '{manifest}' names no loaded Google.Protobuf.IMessage type; the receiving process must reference the assembly that defines it.");
        }
        var property = type.GetProperty("Parser", BindingFlags.Public | BindingFlags.Static);
        return property?.GetValue(null) as MessageParser
            ?? throw new SerializationException($"Protobuf type {type.FullName} has no public static Parser property; generate it with protoc (Grpc.Tools).");
    }
}
