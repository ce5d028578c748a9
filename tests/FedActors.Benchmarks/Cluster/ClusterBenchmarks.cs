using BenchmarkDotNet.Attributes;
using FedActors.Actors.Core;
using FedActors.Cluster.FailureDetection;
using FedActors.Cluster.Membership;
using FedActors.Cluster.Protos;
using FedActors.Cluster.Settings;
using FedActors.Crypto.Identity;
using Google.Protobuf;

namespace FedActors.Benchmarks.Cluster;

/// <summary>
/// The costs behind the choice of full-state gossip for up to 1,000 members: merging two 1,000-member states that
/// differ in ten members (what a receiving member does per gossip), encoding and decoding one such state (what
/// crosses the network per gossip), and one phi evaluation of the failure detector.
/// </summary>
[MemoryDiagnoser]
public class ClusterBenchmarks
{
    private const int Members = 1000;
    private Gossip _ours = null!;
    private Gossip _theirs = null!;
    private byte[] _encoded = null!;
    private PhiAccrualFailureDetector _detector = null!;

    [GlobalSetup]
    public void Setup()
    {
        var gossip = Gossip.Empty;
        var nodes = new List<UniqueAddress>();
        for (var i = 0; i < Members; i++)
        {
            var node = new UniqueAddress(new Address(Address.DefaultProtocol, "fed", $"10.0.{i / 250}.{i % 250}", 2552), (ulong)(i + 1));
            nodes.Add(node);
            gossip = gossip.AddJoining(node, [i == 0 ? NodeRole.Coordinator : NodeRole.Client]).WithStatus(node, MemberStatus.Up);
        }
        _ours = gossip.WithObservation(nodes[0], new HashSet<UniqueAddress> { nodes[7] });
        _theirs = gossip;
        for (var i = 1; i <= 10; i++)
        {
            _theirs = _theirs.WithStatus(nodes[i * 50], MemberStatus.Leaving);
        }
        _encoded = _theirs.ToProto().ToByteArray();
        Console.WriteLine($"// one 1,000-member gossip state: {_encoded.Length:N0} bytes");
        _detector = new PhiAccrualFailureDetector(FailureDetectorSettings.Default, TimeProvider.System);
        for (var i = 0; i < 100; i++)
        {
            _detector.Heartbeat();
        }
    }

    [Benchmark]
    public bool Merge_1000_members_10_changed() => _ours.Merge(_theirs).SameAs(_theirs);

    [Benchmark]
    public int Encode_1000_members() => _theirs.ToProto().CalculateSize();

    [Benchmark]
    public int Decode_1000_members() => Gossip.FromProto(GossipState.Parser.ParseFrom(_encoded)).Members.Count;

    [Benchmark]
    public double Phi() => _detector.Phi;
}
