namespace FedActors.Federation.Protocol;

/// <summary>A protocol message is malformed or inconsistent (wrong hash, bad signature, wrong round).</summary>
public sealed class ProtocolException : Exception
{
    /// <summary>Creates the exception with a sentence saying what was wrong and where.</summary>
    public ProtocolException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a sentence and the underlying cause.</summary>
    public ProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
