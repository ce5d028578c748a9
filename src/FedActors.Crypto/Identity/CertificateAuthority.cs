using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FedActors.Crypto.Envelope;

namespace FedActors.Crypto.Identity;

/// <summary>
/// A federation's certificate authority: a P-256 key and a self-signed CA certificate (basic constraints
/// CA with path length 0, key usage keyCertSign and cRLSign). It issues node certificates usable for mutual
/// TLS: not a CA, key usage digitalSignature and keyAgreement, extended key usage serverAuth and clientAuth,
/// the node name as DNS subject alternative name, and key identifiers linking them to the CA.
/// </summary>
public sealed class CertificateAuthority : IDisposable
{
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1", "Server Authentication");
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2", "Client Authentication");
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private readonly TimeProvider _time;

    /// <summary>Wraps an existing CA key pair and certificate (as loaded by <see cref="IdentityFiles"/>).</summary>
    /// <exception cref="IdentityException">The certificate is not a CA certificate for <paramref name="key"/>.</exception>
    public CertificateAuthority(X509Certificate2 certificate, EcKeyPair key, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(time);
        if (!EcPublicKey.FromCertificate(certificate).Equals(key.PublicKey))
        {
            throw new IdentityException($"CA certificate '{certificate.Subject}' does not match the CA private key {key.PublicKey.Id}");
        }
        var constraints = certificate.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
        if (constraints is not { CertificateAuthority: true })
        {
            throw new IdentityException($"certificate '{certificate.Subject}' is not a CA certificate (basic constraints CA is not set)");
        }
        Certificate = certificate;
        Key = key;
        _time = time;
    }

    /// <summary>The CA certificate (public); distribute it to every node as the trust anchor.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The CA's key pair.</summary>
    public EcKeyPair Key { get; }

    /// <summary>Creates a new CA named <paramref name="name"/>, valid for <paramref name="validity"/> from now.</summary>
    public static CertificateAuthority Create(string name, TimeSpan validity, TimeProvider time)
    {
        NodeName.Validate(name);
        ArgumentNullException.ThrowIfNull(time);
        var key = EcKeyPair.Generate();
        var request = new CertificateRequest(new X500DistinguishedName($"CN={name}, O=FedActors federation CA"), key.Ecdsa, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = time.GetUtcNow();
        using var withKey = request.CreateSelfSigned(now - ClockSkew, now + validity);
        return new CertificateAuthority(X509CertificateLoader.LoadCertificate(withKey.RawData), key, time);
    }

    /// <summary>
    /// Issues a certificate for node <paramref name="nodeName"/> holding <paramref name="nodeKey"/>, valid for
    /// <paramref name="validity"/> from now and never beyond the CA certificate.
    /// </summary>
    public X509Certificate2 Issue(string nodeName, EcPublicKey nodeKey, TimeSpan validity)
    {
        NodeName.Validate(nodeName);
        ArgumentNullException.ThrowIfNull(nodeKey);
        var publicKey = PublicKey.CreateFromSubjectPublicKeyInfo(nodeKey.ExportSubjectPublicKeyInfo(), out _);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={nodeName}"), publicKey, HashAlgorithmName.SHA256);
        AddNodeExtensions(request, nodeName);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));
        var now = _time.GetUtcNow();
        var notAfter = now + validity;
        if (notAfter > Certificate.NotAfter.ToUniversalTime())
        {
            notAfter = Certificate.NotAfter.ToUniversalTime();
        }
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        var generator = X509SignatureGenerator.CreateForECDsa(Key.Ecdsa);
        return request.Create(Certificate.SubjectName, generator, now - ClockSkew, notAfter, serial);
    }

    /// <summary>
    /// Issues a node certificate from a PEM PKCS#10 signing request after checking its signature (proof that
    /// the requester holds the key). The node name is the request's common name unless <paramref name="nodeName"/> is given;
    /// requested extensions are ignored and the CA's own are applied.
    /// </summary>
    /// <exception cref="IdentityException">The request is malformed, its signature is invalid, or its key is not P-256.</exception>
    public X509Certificate2 IssueFromSigningRequest(string requestPem, string? nodeName, TimeSpan validity, string sourceName)
    {
        CertificateRequest request;
        try
        {
            request = CertificateRequest.LoadSigningRequestPem(requestPem, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.Default);
        }
        catch (CryptographicException e)
        {
            throw new IdentityException($"{sourceName}: not a valid PKCS#10 certificate signing request, or its signature does not verify: {e.Message}", e);
        }
        var commonName = request.SubjectName.EnumerateRelativeDistinguishedNames()
            .Where(rdn => !rdn.HasMultipleElements && rdn.GetSingleElementType().Value == "2.5.4.3")
            .Select(rdn => rdn.GetSingleElementValue())
            .FirstOrDefault();
        var name = nodeName ?? commonName
            ?? throw new IdentityException($"{sourceName}: the signing request has no common name; pass the node name explicitly");
        EcPublicKey key;
        try
        {
            key = EcPublicKey.FromSubjectPublicKeyInfo(request.PublicKey.ExportSubjectPublicKeyInfo());
        }
        catch (EnvelopeException e)
        {
            throw new IdentityException($"{sourceName}: the signing request's key is not a P-256 key: {e.Message}", e);
        }
        return Issue(name, key, validity);
    }

    /// <summary>Adds the extensions every node certificate carries, CA-issued or self-signed.</summary>
    internal static void AddNodeExtensions(CertificateRequest request, string nodeName)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuth, ClientAuth], false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(nodeName);
        request.CertificateExtensions.Add(names.Build(false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
    }

    /// <summary>Frees the CA key and certificate.</summary>
    public void Dispose()
    {
        Key.Dispose();
        Certificate.Dispose();
    }
}
