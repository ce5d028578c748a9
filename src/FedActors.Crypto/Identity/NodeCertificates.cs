using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FedActors.Crypto.Envelope;

namespace FedActors.Crypto.Identity;

/// <summary>What a node makes for itself before (or without) a CA: a self-signed certificate and a signing request.</summary>
public static class NodeCertificates
{
    /// <summary>
    /// A self-signed certificate for <paramref name="nodeName"/> with the node extensions of
    /// <see cref="CertificateAuthority.Issue"/>; a federation admits it by fingerprint in its roster.
    /// </summary>
    public static X509Certificate2 CreateSelfSigned(string nodeName, EcKeyPair key, TimeSpan validity, TimeProvider time)
    {
        NodeName.Validate(nodeName);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(time);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={nodeName}"), key.Ecdsa, HashAlgorithmName.SHA256);
        CertificateAuthority.AddNodeExtensions(request, nodeName);
        var now = time.GetUtcNow();
        using var withKey = request.CreateSelfSigned(now - TimeSpan.FromMinutes(5), now + validity);
        return X509CertificateLoader.LoadCertificate(withKey.RawData);
    }

    /// <summary>A PEM PKCS#10 signing request for <paramref name="nodeName"/>, signed by <paramref name="key"/>, for <c>fedactors keys sign --csr</c>.</summary>
    public static string CreateSigningRequestPem(string nodeName, EcKeyPair key)
    {
        NodeName.Validate(nodeName);
        ArgumentNullException.ThrowIfNull(key);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={nodeName}"), key.Ecdsa, HashAlgorithmName.SHA256);
        return request.CreateSigningRequestPem();
    }

    /// <summary>The roster fingerprint of a certificate: SHA-256 of its DER encoding (what <c>openssl x509 -fingerprint -sha256</c> prints).</summary>
    public static Fingerprint FingerprintOf(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Fingerprint.Of(certificate.RawData);
    }

    /// <summary>The node name a certificate was issued to: its first DNS subject alternative name, else its common name.</summary>
    public static string NameOf(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var alternativeNames = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        return alternativeNames?.EnumerateDnsNames().FirstOrDefault() ?? certificate.GetNameInfo(X509NameType.SimpleName, false);
    }
}
