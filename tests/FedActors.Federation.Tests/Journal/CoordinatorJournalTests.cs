using FedActors.Configuration;
using FedActors.Crypto.Envelope;
using FedActors.Federation.Coordinator;
using FedActors.Federation.Journal;
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

namespace FedActors.Federation.Tests.Journal;

public sealed class CoordinatorJournalTests : TestKit.TestKit
{
    private readonly EcKeyPair[] _keys = [EcKeyPair.Generate(), EcKeyPair.Generate()];
    private readonly TrainerPool _pool = new(1, new LearningSettings().CreateGemm());
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"fedactors-coordinator-journal-{Guid.NewGuid():N}");
    private readonly PersistenceExtension _persistence;

    public CoordinatorJournalTests()
        : base("fedactors.actor.serialize-messages = on")
    {
        _persistence = PersistenceExtension.Register(Sys, PersistenceSettings.InMemory);
    }

    private Scenario OneRound() => ScenarioLoader.FromConfig(
        ConfigFactory.ParseString(
            $$"""
            scenario {
              name = journal-test, seed = 3, rounds = 1
              data { set = synthetic }
              model { type = logreg }
              federation { clients = 2, clients-per-round = 2, min-contributions = 1, aggregation = mean, round-timeout = 10m }
              crypto { spare-holders = 0 }
              persistence.store-ciphertexts = on
              output.dir = "{{_directory.Replace("\\", "/", StringComparison.Ordinal)}}"
            }
            """,
            "journal.conf").WithFallback(ConfigFactory.Reference)).Base;

    private static PlaintextContribution Signed(RoundId round, string clientId, EcKeyPair key, int length)
    {
        var contribution = new PlaintextContribution { Round = round, ClientId = clientId, SampleCount = 10 };
        // Distinct content per client: an update equal to one already accepted is rejected as a replay.
        contribution.Update.Add(Enumerable.Range(0, length).Select(i => (i + clientId[^1]) * 1e-3f));
        ContributionSignature.Sign(contribution, key);
        return contribution;
    }

    [Fact]
    public async Task Every_decision_is_journaled_in_order_and_each_accepted_payload_is_stored_under_its_signed_hash()
    {
        var scenario = OneRound();
        var data = FedProxSynthetic.Generate(1, 1, 2, 3);
        var spec = ModelSpec.Named("logreg", data.Train.SampleShape, data.Train.Classes);
        var node = new SimulationNode(data, data.NaturalPartition!, spec, _pool, new TrainingOptions(), spec.InitializeParameters(3));
        var clients = new[] { CreateTestProbe("c0"), CreateTestProbe("c1") };
        var roster = new Dictionary<string, EcPublicKey> { [CoordinatorActor.ClientId(0)] = _keys[0].PublicKey, [CoordinatorActor.ClientId(1)] = _keys[1].PublicKey };
        var completion = new TaskCompletionSource<IReadOnlyList<RoundMetrics>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var coordinator = Sys.ActorOf(CoordinatorActor.Props(scenario, "run-j", null, node, [clients[0].Ref, clients[1].Ref], roster,
            new ModelCheckpoints(_directory), TimeProvider.System, _ => { }, completion));
        var request = clients[0].ExpectMsg<TrainRequest>();
        clients[1].ExpectMsg<TrainRequest>();
        var n = spec.ParameterCount;

        clients[0].Send(coordinator, Signed(request.Round, CoordinatorActor.ClientId(0), _keys[1], n));
        clients[0].ExpectMsg<FedActors.Federation.Protocol.ContributionRejected>();
        var first = Signed(request.Round, CoordinatorActor.ClientId(0), _keys[0], n);
        clients[0].Send(coordinator, first);
        clients[1].Send(coordinator, Signed(request.Round, CoordinatorActor.ClientId(1), _keys[1], n));
        await completion.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var events = new List<IMessage>();
        await foreach (var (_, e) in JournalEvents.ReadAsync(_persistence.Journal, CoordinatorActor.PersistenceIdOf("run-j")))
        {
            events.Add(e);
        }
        Assert.Equal(
            ["RunStarted", "RoundOpened", "ContributionRejected", "ContributionAccepted", "ContributionAccepted", "RoundClosed", "RoundCompleted", "RunCompleted"],
            events.Select(e => e.GetType().Name));
        var started = (RunStarted)events[0];
        Assert.Equal(scenario.Text, started.ScenarioText);
        Assert.Equal(CoordinatorActor.RosterEntries(roster), started.Roster);
        var opened = (RoundOpened)events[1];
        Assert.Equal(request.Round.Nonce, opened.Nonce);
        Assert.Equal(["client-0000", "client-0001"], opened.Selected);
        Assert.Equal("bad-signature", ((FedActors.Federation.Journal.ContributionRejected)events[2]).Reason);
        var accepted = (ContributionAccepted)events[3];
        Assert.Equal(first.Signature, accepted.Signature);
        Assert.Equal(ContributionSignature.PlaintextPayload(first), new BlobStore(_directory).Get(accepted.ContributionHash.Span));
        Assert.Equal("all-received", ((RoundClosed)events[5]).Trigger);
        var completed = (RoundCompleted)events[6];
        Assert.Equal(node.Global.Hash, completed.ModelHash.ToByteArray());
        Assert.Equal(node.Global.Parameters, new ModelCheckpoints(_directory).Read(1, node.Global.Hash));
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
