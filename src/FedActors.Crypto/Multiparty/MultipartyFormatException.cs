namespace FedActors.Crypto.Multiparty;

/// <summary>
/// Thrown when the bytes of a Multiparty message are malformed or belong elsewhere (other parameters, another kind,
/// a truncated or padded body, a residue not below its prime). <see cref="Field"/> names the field that failed.
/// </summary>
public sealed class MultipartyFormatException : FormatException
{
    /// <summary>Creates the exception for <paramref name="field"/> with the reason.</summary>
    public MultipartyFormatException(string field, string message)
        : base($"{field}: {message}")
    {
        Field = field;
    }

    /// <summary>The name of the field that failed validation, e.g. "header.fingerprint" or "value.limb[1][17]".</summary>
    public string Field { get; }
}
