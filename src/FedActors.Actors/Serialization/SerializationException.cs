namespace FedActors.Actors.Serialization;

/// <summary>A message could not be serialized or deserialized: no serializer is bound to its type, an
/// unknown serializer id or manifest arrived, or the payload is corrupt. The message says which and what to do.</summary>
public sealed class SerializationException : Exception
{
    /// <summary>Creates the exception with an actionable message.</summary>
    public SerializationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with an actionable message and the underlying error.</summary>
    public SerializationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
