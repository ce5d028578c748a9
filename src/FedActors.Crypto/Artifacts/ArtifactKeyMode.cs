namespace FedActors.Crypto.Artifacts;

/// <summary>How an artifact's content key is established; the value is the mode byte of the header.</summary>
public enum ArtifactKeyMode : byte
{
    /// <summary>Hybrid: ephemeral ECDH P-256 with the recipient's public key; the private key decrypts.</summary>
    PublicKey = 1,

    /// <summary>A 256-bit symmetric key read at run time from a key source encrypts and decrypts.</summary>
    SymmetricKey = 2,
}
