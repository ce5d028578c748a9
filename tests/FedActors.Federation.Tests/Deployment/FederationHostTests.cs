using System.Globalization;
using System.Text;
using FedActors.Actors.Core;
using FedActors.Cluster.Node;
using FedActors.Crypto.Envelope;
using FedActors.Crypto.Identity;
using FedActors.Federation.Coordinator;
using FedActors.Federation.Deployment;
using FedActors.Federation.Protocol;
using FedActors.Learning;
using FedActors.Learning.Data;
using FedActors.Learning.Randomness;
using Google.Protobuf;

namespace FedActors.Federation.Tests.Deployment;

/// <summary>A client node's host with its own data directory (fedactors.node.data.path) and with a catalog partition, driven as the coordinator drives it.</summary>
public sealed class FederationHostTests : TestKit.TestKit
{
    private const string ScenarioText = """
        scenario {
          name = own-data, seed = 7, rounds = 1
          data { set = synthetic }
          model { type = logreg }
          training { local-epochs = 1, batch-size = 10, learning-rate = 0.05 }
          federation { clients = 3, clients-per-round = 3, min-contributions = 2, aggregation = mean, round-timeout = 60s }
        }
        """;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly string _directory = Directory.CreateTempSubdirectory("fedactors-federation-host-").FullName;
    private readonly EcKeyPair[] _others = [EcKeyPair.Generate(), EcKeyPair.Generate()];

    public FederationHostTests()
        : base("fedactors.actor.serialize-messages = on", virtualTime: false)
    {
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            foreach (var key in _others)
            {
                key.Dispose();
            }
            Directory.Delete(_directory, recursive: true);
        }
    }

    private IActorRef Host(NodeDataSettings data, string name = "site-a") =>
        Sys.ActorOf(Props.Create(() => new FederationHost(NodeRole.Client, name, data, Sys.Config, new LearningSettings(trainerWorkers: 1))), name);

    /// <summary>The offer the coordinator sends for the synthetic data set: samples of 60 features, 10 classes.</summary>
    private static HostOffer Offer()
    {
        var offer = new HostOffer { RunId = "run-1", ScenarioText = ScenarioText, Classes = FedProxSynthetic.Classes };
        offer.SampleShape.Add(FedProxSynthetic.Features);
        return offer;
    }

    /// <summary>A site's CSV: <paramref name="samples"/> rows of <paramref name="features"/> values and a label, header naming <paramref name="classes"/> classes.</summary>
    private string SiteDirectory(string name, int samples, int features = FedProxSynthetic.Features, int classes = FedProxSynthetic.Classes)
    {
        var directory = Directory.CreateDirectory(Path.Combine(_directory, name)).FullName;
        var random = new SeededRandom(11);
        var text = new StringBuilder(string.Join(',', [samples.ToString(CultureInfo.InvariantCulture), features.ToString(CultureInfo.InvariantCulture), .. Enumerable.Range(0, classes).Select(c => $"c{c}")]));
        for (var i = 0; i < samples; i++)
        {
            text.Append('\n').AppendJoin(',', Enumerable.Range(0, features).Select(_ => random.NextGaussian().ToString("R", CultureInfo.InvariantCulture))).Append(',').Append(i % classes);
        }
        File.WriteAllText(Path.Combine(directory, DataDirectory.CsvFile), text.ToString());
        return directory;
    }

    private RunStart Start(HostJoined joined, int index)
    {
        var start = new RunStart { RunId = "run-1", ClientIndex = index };
        for (var i = 0; i < 3; i++)
        {
            var key = i == index ? joined.PublicKey : ByteString.CopyFrom(_others[i < index ? i : i - 1].PublicKey.ExportSubjectPublicKeyInfo());
            start.Roster.Add(new RosterMember { ClientId = CoordinatorActor.ClientId(i), PublicKey = key, Path = $"/user/client-{i}" });
        }
        return start;
    }

    private string Refusal(IActorRef host, object message)
    {
        host.Tell(message, TestActor);
        var refused = ExpectMsg<HostRefused>(Patience);
        Assert.Equal(Path.GetFileName(host.Path.ToStringWithoutAddress()), refused.NodeName);
        return refused.Reason;
    }

    [Fact]
    public void A_client_with_its_own_data_joins_with_all_its_samples_and_the_initial_model_of_a_catalog_client()
    {
        var own = Host(NodeDataSettings.FromDirectory(SiteDirectory("site-a", samples: 37)));
        var catalog = Host(NodeDataSettings.FromCatalog("synthetic", 1), "site-b");

        own.Tell(Offer(), TestActor);
        var joined = ExpectMsg<HostJoined>(Patience);
        catalog.Tell(Offer(), TestActor);
        var partitioned = ExpectMsg<HostJoined>(Patience);

        Assert.Equal(("site-a", true, -1, 37L), (joined.NodeName, joined.OwnData, joined.ClientIndex, joined.Samples));
        Assert.Equal(("site-b", false, 1), (partitioned.NodeName, partitioned.OwnData, partitioned.ClientIndex));
        Assert.True(partitioned.Samples > 0);
        Assert.Equal(partitioned.ModelHash, joined.ModelHash);
    }

    [Fact]
    public void Started_at_the_index_the_coordinator_assigns_it_trains_on_all_its_samples_and_reports_their_count()
    {
        var host = Host(NodeDataSettings.FromDirectory(SiteDirectory("site-a", samples: 23)));
        host.Tell(Offer(), TestActor);
        var joined = ExpectMsg<HostJoined>(Patience);

        host.Tell(Start(joined, index: 2), TestActor);
        var ready = ExpectMsg<RunReady>(Patience);
        Assert.StartsWith($"/user/site-a/{CoordinatorActor.ClientId(2)}", ready.Path, StringComparison.Ordinal);
        var client = Sys.ResolveActorRef(TestActor.Path.Address + ready.Path);
        var round = new RoundId { RunId = "run-1", Round = 1, Nonce = ByteString.CopyFrom(new byte[16]) };
        client.Tell(new TrainRequest
        {
            Round = round,
            Model = new ModelParameters { Hash = joined.ModelHash },
            DeadlineUnixMs = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeMilliseconds(),
        }, TestActor);
        var contribution = ExpectMsg<PlaintextContribution>(Patience);

        Assert.Equal(CoordinatorActor.ClientId(2), contribution.ClientId);
        Assert.Equal(23UL, contribution.SampleCount);
        Assert.Equal(FedProxSynthetic.Features * FedProxSynthetic.Classes + FedProxSynthetic.Classes, contribution.Update.Count);
        Assert.Contains(contribution.Update, v => v != 0);
        Assert.True(ContributionSignature.Verify(contribution, EcPublicKey.FromSubjectPublicKeyInfo(joined.PublicKey.Span)));
    }

    [Fact]
    public void A_directory_whose_samples_have_another_shape_is_refused_naming_the_file_and_what_was_expected()
    {
        var directory = SiteDirectory("site-a", samples: 5, features: 4);

        var reason = Refusal(Host(NodeDataSettings.FromDirectory(directory)), Offer());

        Assert.Contains(Path.Combine(directory, DataDirectory.CsvFile), reason);
        Assert.Contains("4 features", reason);
        Assert.Contains("[60]", reason);
        Assert.Contains("data.set = synthetic", reason);
    }

    [Fact]
    public void A_directory_with_another_class_count_is_refused()
    {
        var reason = Refusal(Host(NodeDataSettings.FromDirectory(SiteDirectory("site-a", samples: 5, classes: 2))), Offer());

        Assert.Contains("names 2 classes, but the model predicts 10", reason);
    }

    [Fact]
    public void A_missing_directory_is_refused_naming_it()
    {
        var missing = Path.Combine(_directory, "not-there");

        var reason = Refusal(Host(NodeDataSettings.FromDirectory(missing)), Offer());

        Assert.Contains(missing, reason);
    }

    [Fact]
    public void A_client_with_its_own_data_refuses_an_index_outside_the_scenarios_clients()
    {
        var host = Host(NodeDataSettings.FromDirectory(SiteDirectory("site-a", samples: 5)));
        host.Tell(Offer(), TestActor);
        var joined = ExpectMsg<HostJoined>(Patience);

        var start = Start(joined, index: 2);
        start.ClientIndex = 3;
        var reason = Refusal(host, start);

        Assert.Contains("client index 3, outside the scenario's federation.clients = 3", reason);
    }

    [Fact]
    public void A_catalog_client_placed_at_another_index_than_its_partition_is_refused()
    {
        var host = Host(NodeDataSettings.FromCatalog("synthetic", 1));
        host.Tell(Offer(), TestActor);
        var joined = ExpectMsg<HostJoined>(Patience);

        var reason = Refusal(host, Start(joined, index: 2));

        Assert.Contains("placed it at client index 2, but its fedactors.node.data.partition-index is 1", reason);
    }
}
