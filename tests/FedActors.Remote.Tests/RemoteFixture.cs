using System.Security.Cryptography.X509Certificates;
using FedActors.Actors.Core;
using FedActors.Configuration;
using FedActors.Crypto.Envelope;
using FedActors.Crypto.Identity;
using FedActors.Remote.Settings;
using FedActors.Remote.Transport;

namespace FedActors.Remote.Tests;

/// <summary>
/// A federation CA and node identities written to a temporary directory (as `fedactors keys` would), plus a
/// rogue CA, shared by the remote tests; systems are started per test on 127.0.0.1 with ephemeral ports.
/// </summary>
public sealed class RemoteFixture : IDisposable
{
    private const string Password = "test-password";
    private readonly string _directory = Directory.CreateTempSubdirectory("fedactors-remote-").FullName;
    private readonly CertificateAuthority _ca = CertificateAuthority.Create("test-federation", TimeSpan.FromDays(1), TimeProvider.System);
    private readonly CertificateAuthority _rogue = CertificateAuthority.Create("rogue", TimeSpan.FromDays(1), TimeProvider.System);
    private readonly Dictionary<string, TransportSecurity> _identities = [];

    public RemoteFixture()
    {
        IdentityFiles.WriteCertificate(CaFile, _ca.Certificate);
    }

    public string CaFile => Path.Combine(_directory, "ca.crt");

    public static Config Settings(string overrides = "") => ConfigFactory.ParseString($$"""
        fedactors.remote {
          heartbeat-interval = 200ms
          acceptable-heartbeat-pause = 1500ms
          reconnect-backoff-min = 50ms
          reconnect-backoff-max = 400ms
          handshake-timeout = 5s
          maximum-frame-size = 256KiB
          {{overrides}}
        }
        """).WithFallback(ConfigFactory.Reference);

    /// <summary>Writes a node key and certificate issued by the federation CA (or the rogue CA) and loads them for TLS.</summary>
    public TransportSecurity Identity(string node, Roster? roster = null, bool rogue = false)
    {
        TransportSecurity security;
        lock (_identities)
        {
            if (!_identities.TryGetValue(node, out security!))
            {
                security = CreateIdentity(node, rogue);
                _identities.Add(node, security);
            }
        }
        return roster is null ? security : new TransportSecurity(security.NodeCertificate, security.CaCertificate, roster);
    }

    private TransportSecurity CreateIdentity(string node, bool rogue)
    {
        using var key = EcKeyPair.Generate();
        using var certificate = (rogue ? _rogue : _ca).Issue(node, key.PublicKey, TimeSpan.FromDays(1));
        var certificateFile = Path.Combine(_directory, node + ".crt");
        var keyFile = Path.Combine(_directory, node + ".key");
        IdentityFiles.WriteCertificate(certificateFile, certificate);
        IdentityFiles.WritePrivateKey(keyFile, key, Password);
        var settings = RemoteSettings.FromConfig(Settings($"""
            certificate-file = "{certificateFile}"
            key-file = "{keyFile}"
            ca-file = "{CaFile}"
            """).GetConfig("fedactors.remote"));
        return TransportSecurity.FromFiles(settings, Password);
    }

    public static Fingerprint FingerprintOf(TransportSecurity security) => NodeCertificates.FingerprintOf(security.NodeCertificate);

    /// <summary>Starts a system named <paramref name="name"/> with remoting on an ephemeral (or given) port.</summary>
    public async Task<Node> StartAsync(string name, TransportSecurity security, int port = 0, string overrides = "")
    {
        var log = new CapturingLoggerFactory();
        var config = Settings($"port = {port}\n{overrides}");
        var system = ActorSystem.Create(name, new ActorSystemSetup { Config = config, LoggerFactory = log });
        var remoting = await Remoting.StartAsync(system, RemoteSettings.FromConfig(config.GetConfig("fedactors.remote")), security);
        return new Node(system, remoting, log);
    }

    public void Dispose()
    {
        foreach (var security in _identities.Values)
        {
            security.Dispose();
        }
        _ca.Dispose();
        _rogue.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}

/// <summary>A running system with its transport and captured log.</summary>
public sealed record Node(ActorSystem System, Remoting Remoting, CapturingLoggerFactory Log) : IAsyncDisposable
{
    public IActorRef Resolve(Node other, string path) => System.ResolveActorRef($"{other.Remoting.Address}{path}");

    public async ValueTask DisposeAsync()
    {
        await Remoting.DisposeAsync();
        await System.Terminate();
    }
}

[CollectionDefinition(Name)]
public sealed class RemoteCollection : ICollectionFixture<RemoteFixture>
{
    public const string Name = "remote";
}
