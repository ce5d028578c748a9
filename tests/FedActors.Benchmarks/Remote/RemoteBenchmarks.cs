using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using FedActors.Actors.Core;
using FedActors.Configuration;
using FedActors.Crypto.Envelope;
using FedActors.Crypto.Identity;
using FedActors.Remote;
using FedActors.Remote.Settings;
using FedActors.Remote.Transport;
using Microsoft.Extensions.Logging.Abstractions;

namespace FedActors.Benchmarks.Remote;

/// <summary>
/// Remoting over mutual TLS 1.3 on loopback between two actor systems in one process: ping-pong with up to
/// 1,000 messages in flight for one pair (Akka.NET's RemotePingPong shape; it reports about 125,000 msg/s
/// without TLS), bulk transfer of 16 MiB ciphertext-sized messages in 1 MiB frames, and as the ceiling for bulk the
/// same bytes written through one raw <see cref="SslStream"/> pair on loopback (1 MiB writes and reads, no framing).
/// Each benchmark also sums process CPU time (<see cref="CpuMeter"/>, printed at cleanup when run with
/// <c>--inProcess</c>), because the wall time on a shared machine depends on the other load.
/// </summary>
[MemoryDiagnoser]
public class RemoteBenchmarks
{
    private const int RoundTrips = 100_000;
    private const int InFlight = 1_000;
    private const int BulkMessages = 16;
    private const int BulkSize = 16 * 1024 * 1024;
    private const int RawWrite = 1024 * 1024;

    private readonly byte[] _bulk = new byte[BulkSize];
    private string _directory = null!;
    private ActorSystem _a = null!;
    private ActorSystem _b = null!;
    private Remoting _remotingA = null!;
    private Remoting _remotingB = null!;
    private IActorRef _remoteEcho = null!;
    private IActorRef _remoteSink = null!;
    private TransportSecurity _rawSecurity = null!;
    private TcpClient _rawClient = null!;
    private TcpClient _rawServer = null!;
    private SslStream _rawWriter = null!;
    private SslStream _rawReader = null!;
    private readonly byte[] _rawBuffer = new byte[RawWrite];
    private readonly CpuMeter _pingPongCpu = new();
    private readonly CpuMeter _bulkCpu = new();
    private readonly CpuMeter _rawCpu = new();

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("fedactors-remote-bench-").FullName;
        using var ca = CertificateAuthority.Create("bench-ca", TimeSpan.FromDays(1), TimeProvider.System);
        IdentityFiles.WriteCertificate(Path.Combine(_directory, "ca.crt"), ca.Certificate);
        (_a, _remotingA) = StartNode("a", ca);
        (_b, _remotingB) = StartNode("b", ca);
        _b.ActorOf(Props.Create<Echo>(), "echo");
        _b.ActorOf(Props.Create<Sink>(), "sink");
        _remoteEcho = _a.ResolveActorRef($"{_remotingB.Address}/user/echo");
        _remoteSink = _a.ResolveActorRef($"{_remotingB.Address}/user/sink");
        new Random(1).NextBytes(_bulk);
        ConnectRawTls(ca);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Console.WriteLine(_pingPongCpu.Summary("PingPong", "message"));
        Console.WriteLine(_bulkCpu.Summary("Bulk", "byte"));
        Console.WriteLine(_rawCpu.Summary("RawTls", "byte"));
        _rawWriter.Dispose();
        _rawReader.Dispose();
        _rawClient.Dispose();
        _rawServer.Dispose();
        _rawSecurity.Dispose();
        _remotingA.DisposeAsync().AsTask().Wait();
        _remotingB.DisposeAsync().AsTask().Wait();
        _a.Terminate().Wait();
        _b.Terminate().Wait();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Messages crossing the network per operation: 2 · <see cref="RoundTrips"/> (ping and pong).</summary>
    [Benchmark(OperationsPerInvoke = 2 * RoundTrips)]
    public void PingPong() => _pingPongCpu.Measure(2 * RoundTrips, () =>
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ping = _a.ActorOf(Props.Create(() => new Ping(_remoteEcho, RoundTrips, done)));
        ping.Tell(Start.Instance, null);
        done.Task.Wait();
        _a.Stop(ping);
    });

    /// <summary>Bytes per operation: one byte; the reported time per byte gives MB/s as 1 / (ns · 1e-3).</summary>
    [Benchmark(OperationsPerInvoke = BulkMessages * BulkSize)]
    public void Bulk() => _bulkCpu.Measure((long)BulkMessages * BulkSize, () =>
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var receiver = _a.ActorOf(Props.Create(() => new Done(done)));
        for (var i = 0; i < BulkMessages; i++)
        {
            _remoteSink.Tell(_bulk, null);
        }
        _remoteSink.Tell(Array.Empty<byte>(), receiver);
        done.Task.Wait();
        _a.Stop(receiver);
    });

    /// <summary>The ceiling for <see cref="Bulk"/>: the same bytes through one raw TLS 1.3 stream, per byte.</summary>
    [Benchmark(OperationsPerInvoke = BulkMessages * BulkSize)]
    public void RawTls() => _rawCpu.Measure((long)BulkMessages * BulkSize, () =>
    {
        var total = (long)BulkMessages * BulkSize;
        var write = Task.Run(async () =>
        {
            for (var i = 0; i < BulkMessages; i++)
            {
                for (var offset = 0; offset < BulkSize; offset += RawWrite)
                {
                    await _rawWriter.WriteAsync(_bulk.AsMemory(offset, RawWrite));
                }
            }
            await _rawWriter.FlushAsync();
        });
        var read = Task.Run(async () =>
        {
            for (var received = 0L; received < total;)
            {
                received += await _rawReader.ReadAsync(_rawBuffer);
            }
        });
        Task.WaitAll(write, read);
    });

    private void ConnectRawTls(CertificateAuthority ca)
    {
        using var key = EcKeyPair.Generate();
        using var certificate = ca.Issue("node-raw", key.PublicKey, TimeSpan.FromDays(1));
        var certificateFile = Path.Combine(_directory, "raw.crt");
        var keyFile = Path.Combine(_directory, "raw.key");
        IdentityFiles.WriteCertificate(certificateFile, certificate);
        IdentityFiles.WritePrivateKey(keyFile, key, "bench");
        _rawSecurity = new TransportSecurity(IdentityFiles.ReadTlsCertificate(certificateFile, keyFile, "bench"), IdentityFiles.ReadCertificate(Path.Combine(_directory, "ca.crt")), null);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        _rawClient = new TcpClient { NoDelay = true };
        var accept = listener.AcceptTcpClientAsync();
        _rawClient.Connect(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        _rawServer = accept.GetAwaiter().GetResult();
        _rawWriter = new SslStream(_rawClient.GetStream());
        _rawReader = new SslStream(_rawServer.GetStream());
        var server = _rawReader.AuthenticateAsServerAsync(_rawSecurity.ServerOptions(NullLogger.Instance), CancellationToken.None);
        _rawWriter.AuthenticateAsClientAsync(_rawSecurity.ClientOptions("127.0.0.1", NullLogger.Instance), CancellationToken.None).GetAwaiter().GetResult();
        server.GetAwaiter().GetResult();
    }

    private (ActorSystem System, Remoting Remoting) StartNode(string name, CertificateAuthority ca)
    {
        using var key = EcKeyPair.Generate();
        using var certificate = ca.Issue("node-" + name, key.PublicKey, TimeSpan.FromDays(1));
        var certificateFile = Path.Combine(_directory, name + ".crt");
        var keyFile = Path.Combine(_directory, name + ".key");
        IdentityFiles.WriteCertificate(certificateFile, certificate);
        IdentityFiles.WritePrivateKey(keyFile, key, "bench");
        var config = ConfigFactory.ParseString($$"""
            fedactors.remote {
              certificate-file = "{{certificateFile}}"
              key-file = "{{keyFile}}"
              ca-file = "{{Path.Combine(_directory, "ca.crt")}}"
            }
            """).WithFallback(ConfigFactory.Reference);
        var settings = RemoteSettings.FromConfig(config.GetConfig("fedactors.remote"));
        var system = ActorSystem.Create(name, config);
        return (system, Remoting.StartAsync(system, settings, TransportSecurity.FromFiles(settings, "bench")).GetAwaiter().GetResult());
    }

    private sealed class Start
    {
        public static readonly Start Instance = new();
    }

    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m, Self));
    }

    private sealed class Sink : ReceiveActor
    {
        public Sink() => Receive<byte[]>(m =>
        {
            if (m.Length == 0)
            {
                Sender.Tell(m, Self);
            }
        });
    }

    private sealed class Done : ReceiveActor
    {
        public Done(TaskCompletionSource done) => ReceiveAny(_ => done.TrySetResult());
    }

    private sealed class Ping : ReceiveActor
    {
        private static readonly byte[] Payload = [1, 2, 3, 4, 5, 6, 7, 8];
        private int _sent;
        private int _received;

        public Ping(IActorRef echo, int total, TaskCompletionSource done)
        {
            Receive<Start>(_ =>
            {
                for (; _sent < InFlight; _sent++)
                {
                    echo.Tell(Payload, Self);
                }
            });
            Receive<byte[]>(_ =>
            {
                if (++_received == total)
                {
                    done.TrySetResult();
                }
                else if (_sent < total)
                {
                    _sent++;
                    echo.Tell(Payload, Self);
                }
            });
        }
    }
}
