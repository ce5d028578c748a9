using System.Security.Cryptography;

namespace FedActors.Crypto.Envelope;

/// <summary>
/// A node's NIST P-256 private key with its public key. It signs (ECDSA-SHA256, 64-byte IEEE P1363
/// signatures) and opens what was sealed to its public key (ECDH). The private scalar lives in
/// platform key objects and is freed on <see cref="Dispose"/>; exported copies are the caller's to zero.
/// Signing and opening are safe to call from several threads.
/// </summary>
/// <remarks>
/// One key serves both signing and key agreement, as a node certificate carries one key
/// (key usage digitalSignature and keyAgreement). Every use is domain-separated (signatures cover a
/// <see cref="CanonicalEncoder"/> domain, key agreement goes through HKDF with a purpose label),
/// the setting in which joint ECDSA/ECIES security is known to hold (Degabriele et al., CT-RSA 2012).
/// </remarks>
public sealed class EcKeyPair : IDisposable
{
    /// <summary>Size of an ECDSA P-256 signature in IEEE P1363 form (r and s, 32 bytes each).</summary>
    public const int SignatureSize = 64;

    private readonly ECDsa _ecdsa;
    private readonly ECDiffieHellman _ecdh;
    private bool _disposed;

    private EcKeyPair(ECDsa ecdsa)
    {
        _ecdsa = ecdsa;
        var parameters = ecdsa.ExportParameters(true);
        try
        {
            PublicKey = EcPublicKey.FromParameters(parameters);
            _ecdh = ECDiffieHellman.Create(parameters);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(parameters.D);
        }
    }

    /// <summary>The matching public key.</summary>
    public EcPublicKey PublicKey { get; }

    /// <summary>Generates a fresh key pair from the operating system's CSPRNG.</summary>
    public static EcKeyPair Generate() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>Imports an unencrypted PKCS#8 PrivateKeyInfo (DER) holding a P-256 key.</summary>
    /// <exception cref="EnvelopeException">The bytes are not a P-256 PKCS#8 private key.</exception>
    public static EcKeyPair ImportPkcs8(ReadOnlySpan<byte> pkcs8)
    {
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportPkcs8PrivateKey(pkcs8, out _);
            return new EcKeyPair(ecdsa);
        }
        catch (CryptographicException e)
        {
            ecdsa.Dispose();
            throw new EnvelopeException("the bytes are not an elliptic-curve PKCS#8 private key", e);
        }
        catch (EnvelopeException)
        {
            ecdsa.Dispose();
            throw;
        }
    }

    /// <summary>Imports a password-encrypted PKCS#8 EncryptedPrivateKeyInfo (DER).</summary>
    /// <exception cref="EnvelopeException">The password is wrong or the bytes are not an encrypted P-256 key.</exception>
    public static EcKeyPair ImportEncryptedPkcs8(ReadOnlySpan<char> password, ReadOnlySpan<byte> encryptedPkcs8)
    {
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportEncryptedPkcs8PrivateKey(password, encryptedPkcs8, out _);
            return new EcKeyPair(ecdsa);
        }
        catch (CryptographicException e)
        {
            ecdsa.Dispose();
            throw new EnvelopeException("the encrypted private key could not be decrypted: the password is wrong or the key is corrupt", e);
        }
        catch (EnvelopeException)
        {
            ecdsa.Dispose();
            throw;
        }
    }

    /// <summary>Exports the private key as unencrypted PKCS#8 DER. Zero the array when done.</summary>
    public byte[] ExportPkcs8()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _ecdsa.ExportPkcs8PrivateKey();
    }

    /// <summary>
    /// Exports the private key as PKCS#8 encrypted with <paramref name="password"/>
    /// (PBES2: AES-256-CBC, PBKDF2-HMAC-SHA256, 600,000 iterations).
    /// </summary>
    public byte[] ExportEncryptedPkcs8(ReadOnlySpan<char> password)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (password.IsEmpty)
        {
            throw new ArgumentException("the password must not be empty", nameof(password));
        }
        return _ecdsa.ExportEncryptedPkcs8PrivateKey(
            password,
            new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 600_000));
    }

    /// <summary>
    /// Signs <paramref name="message"/> (build it with <see cref="CanonicalEncoder"/>) with ECDSA-SHA256,
    /// returning a <see cref="SignatureSize"/>-byte IEEE P1363 signature.
    /// </summary>
    public byte[] Sign(ReadOnlySpan<byte> message)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        // Platform key objects are not documented as thread-safe; operations on one key take turns.
        lock (_ecdsa)
        {
            return _ecdsa.SignData(message, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
    }

    /// <summary>The platform signing key, for building certificates in this library.</summary>
    internal ECDsa Ecdsa
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _ecdsa;
        }
    }

    /// <summary>The raw ECDH shared secret (the x-coordinate) with <paramref name="other"/>; zero it after use.</summary>
    internal byte[] DeriveSharedSecret(EcPublicKey other)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_ecdh)
        {
            return _ecdh.DeriveRawSecretAgreement(other.AgreementKey);
        }
    }

    /// <summary>The raw ECDH shared secret with the uncompressed point <paramref name="peerPoint"/>, which is validated; zero it after use.</summary>
    /// <exception cref="EnvelopeException">The point is not an uncompressed point on P-256.</exception>
    internal byte[] DeriveSharedSecret(ReadOnlySpan<byte> peerPoint)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (peerPoint.Length != EcPublicKey.PointSize || peerPoint[0] != 0x04)
        {
            throw new EnvelopeException($"the peer public key is not a {EcPublicKey.PointSize}-byte uncompressed point");
        }
        using var peer = ECDiffieHellman.Create();
        try
        {
            // Import checks that the point lies on the curve, which rules out invalid-curve attacks.
            peer.ImportParameters(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = peerPoint[1..33].ToArray(), Y = peerPoint[33..].ToArray() },
            });
        }
        catch (CryptographicException e)
        {
            throw new EnvelopeException("the peer public key is not a valid P-256 point", e);
        }
        using var peerKey = peer.PublicKey;
        lock (_ecdh)
        {
            return _ecdh.DeriveRawSecretAgreement(peerKey);
        }
    }

    /// <summary>Frees the platform key objects holding the private scalar.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _ecdsa.Dispose();
        _ecdh.Dispose();
    }

    /// <summary>Names the public key id only; never the private key.</summary>
    public override string ToString() => $"P-256 key pair {PublicKey.Id}";
}
