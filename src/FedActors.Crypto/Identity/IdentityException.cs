namespace FedActors.Crypto.Identity;

/// <summary>
/// Thrown when an identity file (private key, certificate, signing request, roster) cannot be read,
/// written or validated. The message names the file and what would be valid; it never holds key bytes.
/// </summary>
public sealed class IdentityException : Exception
{
    /// <summary>Creates the exception with an actionable message.</summary>
    public IdentityException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with an actionable message and the underlying cause.</summary>
    public IdentityException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
