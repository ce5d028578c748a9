namespace FedActors.Crypto.Rlwe;

/// <summary>
/// Thrown when serialized key, ciphertext, plaintext or protocol bytes are malformed: the message names the field
/// that failed and what was expected, and <see cref="Field"/> carries the field name for programs.
/// </summary>
public sealed class CryptoFormatException : FormatException
{
    /// <summary>Creates the exception for <paramref name="field"/> with an explanation.</summary>
    public CryptoFormatException(string field, string message)
        : base($"{field}: {message}")
    {
        Field = field;
    }

    /// <summary>The name of the field that failed validation (e.g. "header.magic", "c0.limb[1][17]").</summary>
    public string Field { get; }
}
