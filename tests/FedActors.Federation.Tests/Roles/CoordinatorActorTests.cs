using FedActors.Configuration;
using FedActors.Crypto.Envelope;
using FedActors.Federation.Coordinator;
using FedActors.Federation.Metrics;
using FedActors.Federation.Protocol;
using FedActors.Federation.Scenarios;
using FedActors.Federation.Simulation;
using FedActors.Learning;
using FedActors.Learning.Data;
using FedActors.Learning.Models;
using FedActors.Learning.Training;
using FedActors.Persistence;
using Google.Protobuf;

namespace FedActors.Federation.Tests.Roles;

public sealed class CoordinatorActorTests : TestKit.TestKit
{
    private readonly EcKeyPair[] _keys = [EcKeyPair.Generate(), EcKeyPair.Generate()];
    private readonly TrainerPool _pool = new(1, new LearningSettings().CreateGemm());
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"fedactors-coordinator-{Guid.NewGuid():N}");

    public CoordinatorActorTests()
        : base("fedactors.actor.serialize-messages = on")
    {
        PersistenceExtension.Register(Sys, PersistenceSettings.InMemory);
    }

    private static Scenario OneRound() => ScenarioLoader.FromConfig(
        ConfigFactory.ParseString(
            """
            scenario {
              name = coordinator-test, seed = 3, rounds = 1
              data { set = synthetic }
              model { type = logreg }
              federation { clients = 2, clients-per-round = 2, min-contributions = 1, aggregation = mean, round-timeout = 10m }
              crypto { spare-holders = 0 }
            }
            """,
            "coordinator.conf").WithFallback(ConfigFactory.Reference)).Base;

    private PlaintextContribution Signed(RoundId round, string clientId, EcKeyPair key, int length)
    {
        var contribution = new PlaintextContribution { Round = round, ClientId = clientId, SampleCount = 10 };
        contribution.Update.Add(new float[length]);
        ContributionSignature.Sign(contribution, key);
        return contribution;
    }

    [Fact]
    public async Task Bad_signatures_duplicates_and_wrong_nonces_are_rejected_by_reason_and_the_round_completes_with_the_valid_ones()
    {
        var scenario = OneRound();
        var data = FedProxSynthetic.Generate(1, 1, 2, 3);
        var spec = ModelSpec.Named("logreg", data.Train.SampleShape, data.Train.Classes);
        var node = new SimulationNode(data, data.NaturalPartition!, spec, _pool, new TrainingOptions(), spec.InitializeParameters(3));
        var clients = new[] { CreateTestProbe("c0"), CreateTestProbe("c1") };
        var roster = new Dictionary<string, EcPublicKey>
        {
            [CoordinatorActor.ClientId(0)] = _keys[0].PublicKey,
            [CoordinatorActor.ClientId(1)] = _keys[1].PublicKey,
        };
        var rounds = new List<RoundMetrics>();
        var completion = new TaskCompletionSource<IReadOnlyList<RoundMetrics>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var coordinator = Sys.ActorOf(CoordinatorActor.Props(scenario, "run-x", null, node, [clients[0].Ref, clients[1].Ref], roster, new ModelCheckpoints(_directory), TimeProvider.System, rounds.Add, completion));

        var request = clients[0].ExpectMsg<TrainRequest>();
        Assert.Equal(request, clients[1].ExpectMsg<TrainRequest>());
        Assert.Equal(node.Global.Hash, request.Model.Hash.ToByteArray());
        var n = spec.ParameterCount;
        var id0 = CoordinatorActor.ClientId(0);

        clients[0].Send(coordinator, Signed(request.Round, id0, _keys[1], n));
        Assert.Equal("bad-signature", clients[0].ExpectMsg<ContributionRejected>().Reason);
        var valid = Signed(request.Round, id0, _keys[0], n);
        clients[0].Send(coordinator, valid);
        clients[0].Send(coordinator, valid);
        Assert.Equal("duplicate", clients[0].ExpectMsg<ContributionRejected>().Reason);
        var otherNonce = request.Round.Clone();
        otherNonce.Nonce = ByteString.CopyFrom(new byte[16]);
        clients[0].Send(coordinator, Signed(otherNonce, id0, _keys[0], n));
        Assert.Equal("wrong-round", clients[0].ExpectMsg<ContributionRejected>().Reason);

        clients[1].Send(coordinator, Signed(request.Round, CoordinatorActor.ClientId(1), _keys[1], n));
        var metrics = Assert.Single(await completion.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(RoundStatus.Completed, metrics.Status);
        Assert.Equal(2, metrics.Contributions.Accepted);
        Assert.Equal(1, metrics.Contributions.Rejected["bad-signature"]);
        Assert.Equal(1, metrics.Contributions.Rejected["duplicate"]);
        Assert.Equal(1, metrics.Contributions.Rejected["wrong-round"]);
        // Zero updates leave the model unchanged, so the published hash is the initial one.
        Assert.Equal(Convert.ToHexStringLower(request.Model.Hash.ToByteArray()), metrics.ModelHash);
    }

    protected override void Dispose(bool disposing)
    {
        foreach (var key in _keys)
        {
            key.Dispose();
        }
        _pool.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
        base.Dispose(disposing);
    }
}
