using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FedActors.Crypto.Identity;
using FedActors.Remote.Settings;
using Microsoft.Extensions.Logging;

namespace FedActors.Remote.Transport;

/// <summary>
/// Mutual TLS 1.3 for node connections: this node presents <see cref="NodeCertificate"/>; a peer is admitted
/// only if its certificate chains to <see cref="CaCertificate"/> as the sole trust anchor, carries the client or
/// server authentication EKU for its side, and (when a <see cref="Roster"/> is set) is on the roster. A refused
/// peer is logged with its certificate fingerprint. There is no switch to accept any certificate.
/// </summary>
public sealed class TransportSecurity : IDisposable
{
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1", "Server Authentication");
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2", "Client Authentication");
    private readonly SslStreamCertificateContext _context;

    /// <summary>Creates the security context.</summary>
    /// <param name="nodeCertificate">This node's certificate with its private key (see <see cref="IdentityFiles.ReadTlsCertificate"/>).</param>
    /// <param name="caCertificate">The federation CA certificate.</param>
    /// <param name="roster">The admitted nodes, or null to admit every certificate the CA issued.</param>
    /// <exception cref="ArgumentException">The node certificate has no private key.</exception>
    public TransportSecurity(X509Certificate2 nodeCertificate, X509Certificate2 caCertificate, Roster? roster)
    {
        ArgumentNullException.ThrowIfNull(nodeCertificate);
        ArgumentNullException.ThrowIfNull(caCertificate);
        if (!nodeCertificate.HasPrivateKey)
        {
            throw new ArgumentException($"Node certificate '{nodeCertificate.Subject}' has no private key; load it with IdentityFiles.ReadTlsCertificate.", nameof(nodeCertificate));
        }
        NodeCertificate = nodeCertificate;
        CaCertificate = caCertificate;
        Roster = roster;
        _context = SslStreamCertificateContext.Create(nodeCertificate, new X509Certificate2Collection(caCertificate), offline: true);
    }

    /// <summary>This node's certificate (with private key).</summary>
    public X509Certificate2 NodeCertificate { get; }

    /// <summary>The federation CA, the only trust anchor.</summary>
    public X509Certificate2 CaCertificate { get; }

    /// <summary>The roster peers must be on, or null.</summary>
    public Roster? Roster { get; }

    /// <summary>Loads certificate, key, CA and roster from the files named in <paramref name="settings"/>.</summary>
    /// <param name="settings">Settings naming <c>certificate-file</c>, <c>key-file</c>, <c>ca-file</c> and optionally <c>roster-file</c>.</param>
    /// <param name="keyPassword">The password of the node key file.</param>
    /// <exception cref="IdentityException">A file is missing or invalid; the message names it.</exception>
    public static TransportSecurity FromFiles(RemoteSettings settings, ReadOnlySpan<char> keyPassword)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.CertificateFile.Length == 0 || settings.KeyFile.Length == 0 || settings.CaFile.Length == 0)
        {
            throw new IdentityException("fedactors.remote.certificate-file, key-file and ca-file must all be set to start the remote transport (create them with `fedactors keys`).");
        }
        var node = IdentityFiles.ReadTlsCertificate(settings.CertificateFile, settings.KeyFile, keyPassword);
        var ca = IdentityFiles.ReadCertificate(settings.CaFile);
        var roster = settings.RosterFile.Length == 0 ? null : Roster.Load(settings.RosterFile);
        return new TransportSecurity(node, ca, roster);
    }

    /// <summary>Disposes the node and CA certificates.</summary>
    public void Dispose()
    {
        NodeCertificate.Dispose();
        CaCertificate.Dispose();
    }

    internal SslServerAuthenticationOptions ServerOptions(ILogger log) => new()
    {
        ServerCertificateContext = _context,
        ClientCertificateRequired = true,
        EnabledSslProtocols = SslProtocols.Tls13,
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        RemoteCertificateValidationCallback = (_, certificate, _, _) => Verify(certificate, ClientAuth, "client", log),
    };

    internal SslClientAuthenticationOptions ClientOptions(string host, ILogger log) => new()
    {
        TargetHost = host,
        ClientCertificateContext = _context,
        EnabledSslProtocols = SslProtocols.Tls13,
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        RemoteCertificateValidationCallback = (_, certificate, _, _) => Verify(certificate, ServerAuth, "server", log),
    };

    // Host names are not checked: a node is identified by its CA-issued certificate and the roster, not by DNS.
    private bool Verify(X509Certificate? presented, Oid usage, string side, ILogger log)
    {
        if (presented is null)
        {
            log.LogWarning("Refused a TLS {Side}: it presented no certificate", side);
            return false;
        }
        var certificate = presented as X509Certificate2 ?? new X509Certificate2(presented);
        var fingerprint = NodeCertificates.FingerprintOf(certificate);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(CaCertificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(usage);
        if (!chain.Build(certificate))
        {
            var status = string.Join(", ", chain.ChainStatus.Select(s => s.Status));
            log.LogWarning("Refused TLS {Side} {Subject} with fingerprint {Fingerprint}: not issued by the federation CA for {Usage} ({Status})",
                side, certificate.Subject, fingerprint, usage.FriendlyName, status);
            return false;
        }
        if (Roster is not null && Roster.Admit(certificate) is null)
        {
            log.LogWarning("Refused TLS {Side} {Subject} with fingerprint {Fingerprint}: not on the roster", side, certificate.Subject, fingerprint);
            return false;
        }
        return true;
    }
}
