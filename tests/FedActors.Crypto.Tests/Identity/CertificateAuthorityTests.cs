using System.Security.Cryptography.X509Certificates;
using FedActors.Crypto.Envelope;
using FedActors.Crypto.Identity;
using Xunit;

namespace FedActors.Crypto.Tests.Identity;

public sealed class CertificateAuthorityTests : IDisposable
{
    private static readonly TimeSpan Year = TimeSpan.FromDays(365);
    private readonly CertificateAuthority _ca = CertificateAuthority.Create("federation-ca", 10 * Year, TimeProvider.System);

    public void Dispose() => _ca.Dispose();

    [Fact]
    public void The_ca_certificate_is_a_path_length_zero_ca_for_signing_certificates()
    {
        var constraints = _ca.Certificate.Extensions.OfType<X509BasicConstraintsExtension>().Single();
        Assert.True(constraints.Critical);
        Assert.True(constraints.CertificateAuthority);
        Assert.True(constraints.HasPathLengthConstraint);
        Assert.Equal(0, constraints.PathLengthConstraint);
        var usage = _ca.Certificate.Extensions.OfType<X509KeyUsageExtension>().Single();
        Assert.Equal(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, usage.KeyUsages);
        Assert.Contains("CN=federation-ca", _ca.Certificate.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public void An_issued_node_certificate_carries_the_mutual_tls_extensions_and_chains_to_the_ca()
    {
        using var node = EcKeyPair.Generate();
        using var certificate = _ca.Issue("site-1", node.PublicKey, Year);
        Assert.False(certificate.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.Equal(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement, certificate.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages);
        var usages = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value!).ToArray();
        Assert.Equal(["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"], usages);
        Assert.Equal(["site-1"], certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames());
        Assert.Equal(node.PublicKey, EcPublicKey.FromCertificate(certificate));
        Assert.Equal("site-1", NodeCertificates.NameOf(certificate));

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_ca.Certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(chain.Build(certificate), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
    }

    [Fact]
    public void A_certificate_from_another_ca_does_not_chain()
    {
        using var otherCa = CertificateAuthority.Create("other-ca", Year, TimeProvider.System);
        using var node = EcKeyPair.Generate();
        using var certificate = otherCa.Issue("site-2", node.PublicKey, Year);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_ca.Certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.False(chain.Build(certificate));
    }

    [Fact]
    public void A_signing_request_is_issued_under_its_common_name()
    {
        using var node = EcKeyPair.Generate();
        var request = NodeCertificates.CreateSigningRequestPem("site-3", node);
        using var certificate = _ca.IssueFromSigningRequest(request, null, Year, "site-3.csr");
        Assert.Equal("site-3", NodeCertificates.NameOf(certificate));
        Assert.Equal(node.PublicKey, EcPublicKey.FromCertificate(certificate));
    }

    [Fact]
    public void A_tampered_signing_request_is_refused_naming_the_file()
    {
        using var node = EcKeyPair.Generate();
        var request = NodeCertificates.CreateSigningRequestPem("site-3", node);
        var body = request.Split('\n').Where(l => !l.StartsWith("-----", StringComparison.Ordinal)).Aggregate(string.Concat);
        var der = Convert.FromBase64String(body);
        der[^10] ^= 0x01;
        var tampered = System.Security.Cryptography.PemEncoding.WriteString("CERTIFICATE REQUEST", der);
        var e = Assert.Throws<IdentityException>(() => _ca.IssueFromSigningRequest(tampered, null, Year, "site-3.csr"));
        Assert.StartsWith("site-3.csr:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Node_certificates_never_outlive_the_ca()
    {
        using var node = EcKeyPair.Generate();
        using var certificate = _ca.Issue("site-4", node.PublicKey, 100 * Year);
        Assert.True(certificate.NotAfter <= _ca.Certificate.NotAfter);
    }

    [Fact]
    public void Invalid_node_names_are_refused_with_the_rule()
    {
        using var node = EcKeyPair.Generate();
        var e = Assert.Throws<ArgumentException>(() => _ca.Issue("Site 1", node.PublicKey, Year));
        Assert.Contains("lowercase letters", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_node_certificate_is_not_accepted_as_a_ca()
    {
        using var node = EcKeyPair.Generate();
        using var certificate = NodeCertificates.CreateSelfSigned("site-5", node, Year, TimeProvider.System);
        Assert.Throws<IdentityException>(() => new CertificateAuthority(certificate, node, TimeProvider.System));
    }
}
