using FedActors.Crypto.Envelope;

namespace FedActors.Crypto.Artifacts;

/// <summary>
/// A source of symmetric artifact keys, read at run time and never stored by FedActors. A key source
/// is written <c>SCHEME:LOCATION</c> (<c>file:keys/model.json</c>, <c>env:MODEL_KEY</c>) and
/// <see cref="KeySource"/> hands LOCATION to the provider whose <see cref="Scheme"/> matches.
/// </summary>
/// <remarks>
/// To plug in a secrets manager (Vault, a cloud KMS, an HSM), implement this interface with its own
/// scheme (e.g. <c>vault</c>) and pass it to <see cref="KeySource.Read"/> beside the built-in
/// <see cref="FileSecretProvider"/> and <see cref="EnvironmentSecretProvider"/>. An implementation must
/// return a fresh <see cref="SymmetricKey"/> the caller disposes, zero any buffer that held the key, and
/// throw <see cref="ArtifactException"/> naming the location (never the key) when it cannot.
/// </remarks>
public interface ISecretProvider
{
    /// <summary>The scheme that selects this provider, lowercase, without the colon.</summary>
    string Scheme { get; }

    /// <summary>Reads the 256-bit key at <paramref name="location"/>.</summary>
    /// <exception cref="ArtifactException">The key is missing or malformed; the message names the location.</exception>
    SymmetricKey ReadKey(string location);
}
