using FedActors.Crypto.Envelope;

namespace FedActors.Crypto.Artifacts;

/// <summary>
/// The key an artifact is encrypted to or decrypted with: a recipient's public key (encrypt only), a
/// key pair (decrypts what was encrypted to its public key, and encrypts to it, e.g. a node's local
/// replica), or a symmetric key. It does not own the key; the caller disposes it.
/// </summary>
public sealed class ArtifactKey
{
    private ArtifactKey(ArtifactKeyMode mode, EcPublicKey? publicKey, EcKeyPair? keyPair, SymmetricKey? symmetricKey)
    {
        Mode = mode;
        PublicKey = publicKey;
        KeyPair = keyPair;
        Symmetric = symmetricKey;
        Id = publicKey?.Id ?? symmetricKey!.Id;
    }

    /// <summary>Which header mode this key writes and reads.</summary>
    public ArtifactKeyMode Mode { get; }

    /// <summary>The key id written into the header: the public key's id or the symmetric key's id.</summary>
    public Fingerprint Id { get; }

    internal EcPublicKey? PublicKey { get; }

    internal EcKeyPair? KeyPair { get; }

    internal SymmetricKey? Symmetric { get; }

    /// <summary>Encrypts to <paramref name="recipient"/>; such a key cannot decrypt.</summary>
    public static ArtifactKey ForRecipient(EcPublicKey recipient)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        return new ArtifactKey(ArtifactKeyMode.PublicKey, recipient, null, null);
    }

    /// <summary>Decrypts artifacts encrypted to <paramref name="keyPair"/>'s public key, and encrypts to it.</summary>
    public static ArtifactKey FromKeyPair(EcKeyPair keyPair)
    {
        ArgumentNullException.ThrowIfNull(keyPair);
        return new ArtifactKey(ArtifactKeyMode.PublicKey, keyPair.PublicKey, keyPair, null);
    }

    /// <summary>Encrypts and decrypts with a symmetric key.</summary>
    public static ArtifactKey FromSymmetricKey(SymmetricKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new ArtifactKey(ArtifactKeyMode.SymmetricKey, null, null, key);
    }

    /// <summary>Describes the mode and key id.</summary>
    public override string ToString() => Mode == ArtifactKeyMode.PublicKey ? $"public key {Id}" : $"symmetric key {Id}";
}
