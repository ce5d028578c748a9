using System.Security.Cryptography;
using FedActors.Crypto.Envelope;

namespace FedActors.Crypto.Artifacts;

/// <summary>
/// Reads keys from environment variables, scheme <c>env</c>: the variable holds the base64 of 32 bytes.
/// The decoded key is zeroed after use; the variable's string itself belongs to the process environment.
/// </summary>
/// <param name="getVariable">Reads a variable; the process environment when null (tests inject their own).</param>
public sealed class EnvironmentSecretProvider(Func<string, string?>? getVariable = null) : ISecretProvider
{
    private readonly Func<string, string?> _getVariable = getVariable ?? Environment.GetEnvironmentVariable;

    /// <inheritdoc />
    public string Scheme => "env";

    /// <inheritdoc />
    public SymmetricKey ReadKey(string location)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        var value = _getVariable(location);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArtifactException($"environment variable '{location}' is not set or empty; it must hold the base64 of a 32-byte key");
        }
        var key = new byte[(value.Length * 3 / 4) + 3];
        try
        {
            if (!Convert.TryFromBase64String(value.Trim(), key, out var written))
            {
                throw new ArtifactException($"environment variable '{location}' is not base64; it must hold the base64 of a 32-byte key");
            }
            if (written != SymmetricKey.Size)
            {
                throw new ArtifactException($"environment variable '{location}' decodes to {written} bytes; an artifact key is {SymmetricKey.Size} bytes (256 bits)");
            }
            return SymmetricKey.FromBytes(key.AsSpan(0, written));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }
}
