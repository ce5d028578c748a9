namespace FedActors.Remote.Framing;

/// <summary>A peer sent bytes that are not a valid frame (bad length, oversized, not a protobuf frame, wrong order); the connection is closed.</summary>
public sealed class FrameFormatException : Exception
{
    /// <summary>Creates the exception; the message says what was wrong and is logged when the connection closes.</summary>
    public FrameFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the decoder's error as inner exception.</summary>
    public FrameFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
