using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FedActors.Crypto.Envelope;

/// <summary>
/// A NIST P-256 public key: it verifies ECDSA signatures made by the matching <see cref="EcKeyPair"/>
/// and is the recipient of sealed messages and artifacts. Construction validates that the point is
/// on the curve. Its <see cref="Id"/> is the SHA-256 of its SubjectPublicKeyInfo (DER). Immutable and
/// safe to share between threads.
/// </summary>
public sealed class EcPublicKey : IEquatable<EcPublicKey>
{
    /// <summary>Size of the uncompressed point encoding: 0x04, X (32 bytes), Y (32 bytes).</summary>
    public const int PointSize = 65;

    private readonly byte[] _point;
    private readonly byte[] _subjectPublicKeyInfo;
    private readonly Lazy<ECDsa> _verifier;
    private readonly Lazy<ECDiffieHellmanPublicKey> _agreementKey;

    private EcPublicKey(ECParameters parameters)
    {
        // Importing into a platform key validates the point (on the curve, not the identity).
        using var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportParameters(parameters);
        }
        catch (CryptographicException e)
        {
            throw new EnvelopeException("the public key is not a valid P-256 point", e);
        }
        _point = new byte[PointSize];
        _point[0] = 0x04;
        parameters.Q.X!.CopyTo(_point, 1);
        parameters.Q.Y!.CopyTo(_point, 33);
        _subjectPublicKeyInfo = ecdsa.ExportSubjectPublicKeyInfo();
        Id = Fingerprint.Of(_subjectPublicKeyInfo);
        // Importing a key into the platform costs more than a verification, so each is imported once.
        _verifier = new Lazy<ECDsa>(() => ECDsa.Create(ToParameters()));
        _agreementKey = new Lazy<ECDiffieHellmanPublicKey>(() =>
        {
            using var ecdh = ECDiffieHellman.Create(ToParameters());
            return ecdh.PublicKey;
        });
    }

    /// <summary>SHA-256 of the SubjectPublicKeyInfo; the key id written into sealed messages and artifact headers.</summary>
    public Fingerprint Id { get; }

    /// <summary>Reads a 65-byte uncompressed P-256 point.</summary>
    /// <exception cref="EnvelopeException">The bytes are not an uncompressed point on P-256.</exception>
    public static EcPublicKey FromUncompressedPoint(ReadOnlySpan<byte> point)
    {
        if (point.Length != PointSize || point[0] != 0x04)
        {
            throw new EnvelopeException($"a P-256 public key is a {PointSize}-byte uncompressed point starting with 0x04, got {point.Length} bytes");
        }
        return new EcPublicKey(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = point[1..33].ToArray(), Y = point[33..].ToArray() },
        });
    }

    /// <summary>Reads a DER SubjectPublicKeyInfo holding a P-256 key.</summary>
    /// <exception cref="EnvelopeException">The bytes are not a P-256 SubjectPublicKeyInfo.</exception>
    public static EcPublicKey FromSubjectPublicKeyInfo(ReadOnlySpan<byte> der)
    {
        using var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportSubjectPublicKeyInfo(der, out var read);
            if (read != der.Length)
            {
                throw new EnvelopeException($"the SubjectPublicKeyInfo has {der.Length - read} trailing bytes");
            }
        }
        catch (CryptographicException e)
        {
            throw new EnvelopeException("the bytes are not an elliptic-curve SubjectPublicKeyInfo", e);
        }
        return FromParameters(ecdsa.ExportParameters(false));
    }

    /// <summary>Reads a PEM <c>PUBLIC KEY</c> block.</summary>
    /// <exception cref="EnvelopeException">The text holds no P-256 public key.</exception>
    public static EcPublicKey FromPem(string pem)
    {
        using var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportFromPem(pem);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new EnvelopeException("the text holds no PEM elliptic-curve public key", e);
        }
        return FromParameters(ecdsa.ExportParameters(false));
    }

    /// <summary>The public key of a certificate whose key is ECDSA P-256.</summary>
    /// <exception cref="EnvelopeException">The certificate's key is not ECDSA P-256.</exception>
    public static EcPublicKey FromCertificate(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using var ecdsa = certificate.GetECDsaPublicKey()
            ?? throw new EnvelopeException($"certificate '{certificate.Subject}' does not hold an elliptic-curve public key");
        return FromParameters(ecdsa.ExportParameters(false));
    }

    internal static EcPublicKey FromParameters(ECParameters parameters)
    {
        if (!parameters.Curve.IsNamed || parameters.Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
        {
            throw new EnvelopeException($"the key is on curve '{parameters.Curve.Oid.FriendlyName ?? parameters.Curve.Oid.Value}', only NIST P-256 is supported");
        }
        return new EcPublicKey(parameters);
    }

    /// <summary>The 65-byte uncompressed point (a copy).</summary>
    public byte[] ToUncompressedPoint() => (byte[])_point.Clone();

    /// <summary>The DER SubjectPublicKeyInfo (a copy).</summary>
    public byte[] ExportSubjectPublicKeyInfo() => (byte[])_subjectPublicKeyInfo.Clone();

    /// <summary>The PEM <c>PUBLIC KEY</c> text.</summary>
    public string ExportPem() => PemEncoding.WriteString("PUBLIC KEY", _subjectPublicKeyInfo);

    /// <summary>
    /// Verifies a 64-byte IEEE P1363 ECDSA-SHA256 signature over <paramref name="message"/>
    /// (build the message with <see cref="CanonicalEncoder"/>). Returns false for any other signature.
    /// </summary>
    public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != EcKeyPair.SignatureSize)
        {
            return false;
        }
        var verifier = _verifier.Value;
        // Platform key objects are not documented as thread-safe; verifications with one key take turns.
        lock (verifier)
        {
            return verifier.VerifyData(message, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
    }

    /// <summary>The key as an ECDH peer key, imported once.</summary>
    internal ECDiffieHellmanPublicKey AgreementKey => _agreementKey.Value;

    /// <summary>
    /// Generates a fresh ephemeral P-256 key, writes its uncompressed point to <paramref name="ephemeralPoint"/> and
    /// returns the raw ECDH shared secret with this key (zero it after use). The ephemeral private key is discarded.
    /// </summary>
    internal byte[] AgreeWithEphemeral(Span<byte> ephemeralPoint)
    {
        using var ephemeral = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var point = ephemeral.ExportParameters(false).Q;
        ephemeralPoint[0] = 0x04;
        point.X.CopyTo(ephemeralPoint[1..]);
        point.Y.CopyTo(ephemeralPoint[33..]);
        return ephemeral.DeriveRawSecretAgreement(AgreementKey);
    }

    private ECParameters ToParameters() => new()
    {
        Curve = ECCurve.NamedCurves.nistP256,
        Q = new ECPoint { X = _point[1..33], Y = _point[33..] },
    };

    /// <inheritdoc />
    public bool Equals(EcPublicKey? other) => other is not null && Id.Equals(other.Id);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as EcPublicKey);

    /// <inheritdoc />
    public override int GetHashCode() => Id.GetHashCode();

    /// <summary>Returns the key id.</summary>
    public override string ToString() => $"P-256 public key {Id}";
}
