namespace FedActors.Crypto.Artifacts;

/// <summary>
/// Thrown when an artifact cannot be encrypted or decrypted: a malformed or modified header, a chunk
/// that fails authentication, truncation, the wrong key, or an unreadable key source. The message
/// names the file or source and the position (e.g. <c>model.enc: chunk 17 at byte offset 1114283 failed
/// authentication</c>); it never contains key bytes or plaintext.
/// </summary>
public sealed class ArtifactException : Exception
{
    /// <summary>Creates the exception with an actionable message.</summary>
    public ArtifactException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with an actionable message and the underlying cause.</summary>
    public ArtifactException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
