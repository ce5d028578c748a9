using FedActors.Actors.Core;
using FedActors.Actors.Serialization;
using FedActors.Federation.Protocol;
using FsCheck;
using FsCheck.Fluent;
using Google.Protobuf;

namespace FedActors.Federation.Tests.Protocol;

public sealed class ProtocolMessagesTests : TestKit.TestKit
{
    public ProtocolMessagesTests()
        : base("fedactors.actor.serialize-messages = on")
    {
    }

    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m));
    }

    private static RoundId Round(uint round = 3) => new()
    {
        RunId = "run-1",
        Epoch = 1,
        Round = round,
        Nonce = ByteString.CopyFrom(1, 2, 3, 4),
    };

    public static TheoryData<string> MessageNames() =>
    [
        nameof(TrainRequest), nameof(PlaintextContribution), nameof(Contribution), nameof(ContributionRejected),
        nameof(DecryptionRequest), nameof(DecryptionShare), nameof(DecryptionRefused), nameof(AggregateResult),
        nameof(ModelHashReport), nameof(KeyCeremonyStart), nameof(CrsCommit), nameof(CrsRevealRequest), nameof(CrsReveal),
        nameof(CrsFixed), nameof(PublicKeyShare), nameof(SealedThresholdShare), nameof(EpochKeyed),
    ];

    private static IMessage Sample(string name) => name switch
    {
        nameof(TrainRequest) => new TrainRequest { Round = Round(), Model = ModelHash.ToMessage([1f, -2f, 0.5f]), DeadlineUnixMs = 1234, ClipNorm = 4 },
        nameof(PlaintextContribution) => new PlaintextContribution { Round = Round(), ClientId = "c1", Update = { 0.25f, -1f }, SampleCount = 60 },
        nameof(Contribution) => new Contribution { Round = Round(), ClientId = "c1", Ciphertexts = { ByteString.CopyFrom(9, 8, 7) } },
        nameof(ContributionRejected) => new ContributionRejected { Round = Round(), ClientId = "c1", Reason = "duplicate" },
        nameof(DecryptionRequest) => new DecryptionRequest
        {
            Manifest = new SignedManifest { Round = Round(), Entries = { new ManifestEntry { ClientId = "c1", CiphertextHash = ByteString.CopyFrom(5) } } },
            AggregateC1 = { ByteString.CopyFrom(1) },
            ActiveSet = { 1, 2, 3 },
        },
        nameof(DecryptionShare) => new DecryptionShare { Round = Round(), PartyId = 2, SealedShare = ByteString.CopyFrom(4, 4) },
        nameof(DecryptionRefused) => new DecryptionRefused { Round = Round(), PartyId = 2, Reason = "already-answered" },
        nameof(AggregateResult) => new AggregateResult { Round = Round(), Aggregate = { 1f, 2f }, TotalSamples = 120, Contributions = 2 },
        nameof(ModelHashReport) => new ModelHashReport { Round = Round(), ClientId = "c1", ModelHash = ByteString.CopyFrom(ModelHash.Compute([1f])) },
        nameof(KeyCeremonyStart) => new KeyCeremonyStart { RunId = "run-1", Epoch = 1, Committee = { "c1", "c2" }, Threshold = 2, ParameterSet = "aggregation-default" },
        nameof(CrsCommit) => new CrsCommit { Epoch = 1, PartyId = 1, Commitment = ByteString.CopyFrom(6) },
        nameof(CrsRevealRequest) => new CrsRevealRequest { Epoch = 1, Commits = { new CrsCommit { Epoch = 1, PartyId = 1 } } },
        nameof(CrsReveal) => new CrsReveal { Epoch = 1, PartyId = 1, SeedShare = ByteString.CopyFrom(7) },
        nameof(CrsFixed) => new CrsFixed { Epoch = 1, Reveals = { new CrsReveal { Epoch = 1, PartyId = 1 } } },
        nameof(PublicKeyShare) => new PublicKeyShare { Epoch = 1, PartyId = 1, Share = ByteString.CopyFrom(3), BoxPublicKey = ByteString.CopyFrom(4) },
        nameof(SealedThresholdShare) => new SealedThresholdShare { Epoch = 1, FromParty = 1, ToParty = 2, Sealed = ByteString.CopyFrom(8) },
        nameof(EpochKeyed) => new EpochKeyed { RunId = "run-1", Epoch = 1, CollectivePublicKey = ByteString.CopyFrom(2), Committee = { "c1" }, Threshold = 1 },
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no sample for this message"),
    };

    [Theory]
    [MemberData(nameof(MessageNames))]
    public void Every_protocol_message_crosses_an_actor_as_an_equal_copy_with_serialize_messages_on(string name)
    {
        var echo = Sys.ActorOf(Props.Create<Echo>());
        var sent = Sample(name);
        echo.Tell(sent, TestActor);
        var received = ExpectMsg<IMessage>();
        Assert.Equal(sent, received);
        Assert.NotSame(sent, received);
    }

    [Fact]
    public void Random_and_mutated_contribution_bytes_fail_cleanly_or_parse()
    {
        var registry = new SerializerRegistry();
        var contribution = (Contribution)Sample(nameof(Contribution));
        var valid = registry.Serialize(contribution);
        Prop.ForAll<byte[], int>((noise, position) =>
        {
            var mutated = valid.Payload.ToArray();
            mutated[Math.Abs(position % mutated.Length)] ^= 0x5A;
            foreach (var payload in new[] { noise ?? [], mutated })
            {
                try
                {
                    Assert.IsType<Contribution>(registry.Deserialize(new SerializedMessage(valid.SerializerId, valid.Manifest, payload)));
                }
                catch (SerializationException)
                {
                }
            }
        }).QuickCheckThrowOnFailure();
    }
}
