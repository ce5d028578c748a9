namespace FedActors.Crypto.Envelope;

/// <summary>
/// Thrown when envelope material (a sealed message, a key, a chunked stream) is malformed or fails
/// authentication. The message says what was wrong and where; it never contains secret bytes.
/// </summary>
public sealed class EnvelopeException : Exception
{
    /// <summary>Creates the exception with an actionable message.</summary>
    public EnvelopeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with an actionable message and the underlying cause.</summary>
    public EnvelopeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
