using System.Collections.Concurrent;
using FedActors.Actors.Core;
using FedActors.Cluster.Events;
using FedActors.Cluster.Settings;
using FedActors.Configuration;
using FedActors.Crypto.Envelope;
using FedActors.Crypto.Identity;
using FedActors.Remote;
using FedActors.Remote.Settings;
using FedActors.Remote.Transport;

namespace FedActors.Cluster.Tests;

/// <summary>
/// A federation CA, node identities written as `fedactors keys` would write them, and the federation roster
/// (coordinator, key-manager, client-1..4), shared by the cluster tests; nodes start per test on 127.0.0.1.
/// </summary>
public sealed class ClusterFixture : IDisposable
{
    public const string Password = "test-password";
    private readonly CertificateAuthority _ca = CertificateAuthority.Create("test-federation", TimeSpan.FromDays(1), TimeProvider.System);
    private readonly ConcurrentDictionary<string, Lazy<TransportSecurity>> _identities = new();

    public ClusterFixture()
    {
        IdentityFiles.WriteCertificate(CaFile, _ca.Certificate);
        var roster = Roster.Empty.Add(new RosterEntry("coordinator", NodeRole.Coordinator, FingerprintOf("coordinator")))
            .Add(new RosterEntry("key-manager", NodeRole.KeyManager, FingerprintOf("key-manager")));
        for (var i = 1; i <= 4; i++)
        {
            roster = roster.Add(new RosterEntry($"client-{i}", NodeRole.Client, FingerprintOf($"client-{i}")));
        }
        Roster = roster;
        roster.Save(RosterFile);
    }

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("fedactors-cluster-").FullName;

    public string CaFile => Path.Combine(Directory, "ca.crt");

    public string RosterFile => Path.Combine(Directory, "roster.json");

    /// <summary>The federation roster: coordinator, key-manager and client-1..4 with their roles.</summary>
    public Roster Roster { get; }

    public string CertificateFile(string node) => Path.Combine(Directory, node + ".crt");

    public string KeyFile(string node) => Path.Combine(Directory, node + ".key");

    /// <summary>Cluster timings fast enough for tests and loose enough for a loaded 2-core machine.</summary>
    public static Config Settings(string overrides = "") => ConfigFactory.ParseString($$"""
        fedactors.remote {
          heartbeat-interval = 200ms
          acceptable-heartbeat-pause = 3s
          reconnect-backoff-min = 50ms
          reconnect-backoff-max = 300ms
          handshake-timeout = 5s
        }
        fedactors.cluster {
          seed-node-timeout = 1s
          retry-unsuccessful-join-after = 300ms
          gossip-interval = 200ms
          down-unreachable-after = 3s
          failure-detector {
            heartbeat-interval = 200ms
            acceptable-heartbeat-pause = 2s
            expected-response-after = 500ms
          }
        }
        {{overrides}}
        """).WithFallback(ConfigFactory.Reference);

    /// <summary>
    /// Writes the node configuration of a process taking part in a `run --cluster` test on 127.0.0.1: the coordinator is
    /// the first seed and the key-manager the second, so a restarted coordinator finds the running cluster through the
    /// key-manager, and a coordinator waits a generous seed-node-timeout before starting a new cluster alone (a fresh
    /// process's first TLS handshake takes seconds on a loaded two-core machine). Failure detection is tolerant for the
    /// same reason (processes training and loading data on two cores answer heartbeats seconds late): these tests never
    /// wait for it, a killed client is a dropout at the round deadline and a restarted coordinator's old incarnation is
    /// downed when the new one joins, while a client falsely found dead would be downed or quarantined for good.
    /// </summary>
    public string WriteRunNodeConfig(string identity, NodeRole role, int port, string node, int seedPort, int keyManagerPort) =>
        WriteNodeConfig(
            identity,
            role,
            [$"fedactors://fed@127.0.0.1:{seedPort}", $"fedactors://fed@127.0.0.1:{keyManagerPort}"],
            port: port,
            node: node,
            overrides: """
                fedactors.remote.acceptable-heartbeat-pause = 20s
                fedactors.cluster { seed-node-timeout = 20s, down-unreachable-after = 20s, failure-detector.acceptable-heartbeat-pause = 10s }
                fedactors.deployment.host-timeout = 60s
                fedactors.learning.trainer-workers = 1
                """);

    /// <summary>
    /// Writes the `fedactors node` configuration of <paramref name="identity"/> (its certificate issued if needed)
    /// claiming <paramref name="role"/>, listening on <paramref name="hostname"/>:<paramref name="port"/> and joining
    /// through <paramref name="seeds"/>, with the test timings (down after 2 s unreachable) unless
    /// <paramref name="overrides"/> (HOCON, read last) changes them; returns the file's path.
    /// </summary>
    /// <param name="node">Extra keys inside <c>fedactors.node</c>, e.g. a client's <c>data { … }</c>.</param>
    /// <param name="rosterFile">The roster the node itself loads; the federation roster by default.</param>
    public string WriteNodeConfig(string identity, NodeRole role, IEnumerable<string> seeds, string hostname = "127.0.0.1", int port = 0,
        string node = "", string overrides = "", string? rosterFile = null)
    {
        Identity(identity);
        var file = Path.Combine(Directory, $"{identity}-node.conf");
        File.WriteAllText(file, $$"""
            fedactors.remote {
              hostname = "{{hostname}}"
              port = {{port}}
              certificate-file = "{{CertificateFile(identity)}}"
              key-file = "{{KeyFile(identity)}}"
              ca-file = "{{CaFile}}"
              roster-file = "{{rosterFile ?? RosterFile}}"
              heartbeat-interval = 200ms
            }
            fedactors.cluster {
              seed-nodes = [{{string.Join(", ", seeds.Select(s => $"\"{s}\""))}}]
              roles = [{{NodeRoles.ToName(role)}}]
              gossip-interval = 200ms
              retry-unsuccessful-join-after = 300ms
              down-unreachable-after = 2s
              failure-detector { heartbeat-interval = 200ms, acceptable-heartbeat-pause = 2s }
            }
            fedactors.node {
              key-password-env = {{FedactorsProcess.PasswordVariable}}
              {{node}}
            }
            {{overrides}}
            """);
        return file;
    }

    public Fingerprint FingerprintOf(string node) => NodeCertificates.FingerprintOf(Identity(node).NodeCertificate);

    /// <summary>The node's certificate and key (issued by the federation CA), without a roster.</summary>
    public TransportSecurity Identity(string node) => _identities.GetOrAdd(node, n => new Lazy<TransportSecurity>(() => CreateIdentity(n))).Value;

    private TransportSecurity CreateIdentity(string node)
    {
        using var key = EcKeyPair.Generate();
        using var certificate = _ca.Issue(node, key.PublicKey, TimeSpan.FromDays(1));
        IdentityFiles.WriteCertificate(CertificateFile(node), certificate);
        IdentityFiles.WritePrivateKey(KeyFile(node), key, Password);
        var settings = RemoteSettings.FromConfig(Settings($"""
            fedactors.remote.certificate-file = "{CertificateFile(node)}"
            fedactors.remote.key-file = "{KeyFile(node)}"
            fedactors.remote.ca-file = "{CaFile}"
            """).GetConfig("fedactors.remote"));
        return TransportSecurity.FromFiles(settings, Password);
    }

    /// <summary>Starts node <paramref name="identity"/> claiming <paramref name="role"/>, joining through <paramref name="seeds"/>.</summary>
    public async Task<ClusterNode> StartAsync(string identity, NodeRole role, IEnumerable<Address> seeds, Roster? roster = null, int port = 0)
    {
        var log = new CapturingLoggerFactory();
        var seedList = string.Join(", ", seeds.Select(s => $"\"{s}\""));
        var config = Settings($"""
            fedactors.remote.port = {port}
            fedactors.cluster.seed-nodes = [{seedList}]
            fedactors.cluster.roles = [{NodeRoles.ToName(role)}]
            """);
        var system = ActorSystem.Create("fed", new ActorSystemSetup { Config = config, LoggerFactory = log });
        var own = Identity(identity);
        var security = new TransportSecurity(own.NodeCertificate, own.CaCertificate, roster ?? Roster);
        var remoting = await Remoting.StartAsync(system, RemoteSettings.FromConfig(config.GetConfig("fedactors.remote")), security);
        Cluster cluster;
        try
        {
            cluster = Cluster.Start(system, remoting, security, ClusterSettings.FromConfig(config.GetConfig("fedactors.cluster")));
        }
        catch
        {
            await remoting.DisposeAsync();
            await system.Terminate();
            throw;
        }
        var events = new EventRecorder();
        system.ActorOf(Props.Create(() => new EventRecorderActor(events)), "events").Tell(Subscribe.Instance, null);
        return new ClusterNode(identity, system, remoting, cluster, events, log);
    }

    public void Dispose()
    {
        foreach (var identity in _identities.Values.Where(i => i.IsValueCreated))
        {
            identity.Value.Dispose();
        }
        _ca.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private sealed record Subscribe
    {
        public static Subscribe Instance { get; } = new();
    }

    private sealed class EventRecorderActor : ReceiveActor
    {
        public EventRecorderActor(EventRecorder events)
        {
            Receive<Subscribe>(_ => Cluster.Get(Context.System).Subscribe(Self));
            Receive<CurrentClusterState>(events.Add);
            Receive<IClusterDomainEvent>(events.Add);
        }
    }
}

/// <summary>Every cluster event one node's subscriber received, in order.</summary>
public sealed class EventRecorder
{
    private readonly ConcurrentQueue<object> _events = new();

    public IReadOnlyList<object> All => [.. _events];

    public void Add(object message) => _events.Enqueue(message);

    public IReadOnlyList<T> OfType<T>() => [.. _events.OfType<T>()];
}

/// <summary>A running node: its system, transport, cluster, recorded events and captured log.</summary>
public sealed record ClusterNode(string Identity, ActorSystem System, Remoting Remoting, Cluster Cluster, EventRecorder Events, CapturingLoggerFactory Log) : IAsyncDisposable
{
    public Address Address => Remoting.Address;

    /// <summary>Stops the node abruptly: no leave, its peers only stop hearing from it.</summary>
    public async ValueTask DisposeAsync()
    {
        await Remoting.DisposeAsync();
        await System.Terminate();
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
