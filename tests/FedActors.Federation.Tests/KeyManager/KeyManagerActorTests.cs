using FedActors.Actors.Core;
using FedActors.Crypto.Ckks;
using FedActors.Crypto.Envelope;
using FedActors.Crypto.Multiparty;
using FedActors.Federation.Client;
using FedActors.Federation.KeyManager;
using FedActors.Federation.Protocol;
using FedActors.Federation.Secure;

namespace FedActors.Federation.Tests.KeyManager;

public sealed class KeyManagerActorTests : TestKit.TestKit
{
    private const int Clients = 5;
    private const long Seed = 11;
    private static readonly TimeSpan PhaseTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly SecureSettings _settings = new(
        CkksParameterSets.Get("aggregation-default"), FloodingSettings.Default, new CryptoRandomness(deterministic: false, seed: Seed),
        Threshold: 3, SpareHolders: 1, CommitteeSize: 4, RotateEvery: 0, MinContributions: 3, VerifyAggregate: true, EncryptionThreads: 1);

    private readonly string[] _ids = Enumerable.Range(0, Clients).Select(i => $"client-{i:D4}").ToArray();
    private readonly EcKeyPair[] _identities = Enumerable.Range(0, Clients).Select(_ => EcKeyPair.Generate()).ToArray();
    private readonly TestKit.TestProbe _published;

    public KeyManagerActorTests()
        : base("fedactors.actor.serialize-messages = on")
    {
        _published = CreateTestProbe("published");
    }

    /// <summary>A committee member as the client actor runs it: ceremony messages go to its <see cref="KeyHolder"/>; published epochs go to a probe.</summary>
    private sealed class Member : ReceiveActor
    {
        public Member(KeyHolder holder, IActorRef published)
        {
            Receive<KeyCeremonyStart>(start => Sender.Tell(holder.Begin(start), Self));
            Receive<CrsRevealRequest>(request => Sender.Tell(holder.Reveal(request), Self));
            Receive<CrsFixed>(fixedCrs => Sender.Tell(holder.GenPublicKeyShare(fixedCrs), Self));
            Receive<ThresholdDealRequest>(request =>
            {
                foreach (var share in holder.Deal(request))
                {
                    Sender.Tell(share, Self);
                }
            });
            Receive<SealedThresholdShare>(share =>
            {
                if (holder.Receive(share) is { } ready)
                {
                    Sender.Tell(ready, Self);
                }
            });
            Receive<GroupKeyRequest>(request => Sender.Tell(holder.DealGroupKey(request), Self));
            Receive<EpochKeyed>(keyed => published.Tell(keyed, Self));
        }
    }

    /// <summary>A member that never answers the ceremony.</summary>
    private sealed class Silent : ReceiveActor
    {
        public Silent(IActorRef published)
        {
            Receive<EpochKeyed>(keyed => published.Tell(keyed, Self));
            ReceiveAny(_ => { });
        }
    }

    private IActorRef KeyManager(params int[] silent)
    {
        using var coordinatorKey = EcKeyPair.Generate();
        var roster = _ids.Zip(_identities).ToDictionary(p => p.First, p => p.Second.PublicKey, StringComparer.Ordinal);
        var clients = _ids.Select((id, i) => silent.Contains(i)
            ? Sys.ActorOf(Props.Create(() => new Silent(_published.Ref)), id)
            : Sys.ActorOf(Props.Create(() => new Member(new KeyHolder(_settings, "run", id, _identities[i], coordinatorKey.PublicKey, roster), _published.Ref)), id))
            .ToArray();
        return Sys.ActorOf(KeyManagerActor.Props(_settings, "run", Seed, clients, _ids, _identities.Select(k => k.PublicKey).ToArray(), PhaseTimeout), "key-manager");
    }

    [Fact]
    public void A_ceremony_publishes_the_epoch_to_the_requester_and_to_every_client_with_its_own_sealed_group_key()
    {
        var keyManager = KeyManager();
        keyManager.Tell(new EpochRequest { Epoch = 1, Reason = "start" }, TestActor);

        var keyed = ExpectMsg<EpochKeyed>(Patience);
        Assert.Equal(1u, keyed.Epoch);
        Assert.Equal(3u, keyed.Threshold);
        Assert.Equal(CommitteeSelection.Choose(Seed, 1, Clients, 4, new HashSet<int>()).Select(i => _ids[i]), keyed.Committee);
        Assert.True(keyed.SealedGroupKey.IsEmpty, "the Coordinator gets no group key");
        Assert.True(keyed.CeremonyBytesSent > 0 && keyed.CeremonyBytesReceived > 0);

        var states = new List<EpochState>();
        for (var i = 0; i < Clients; i++)
        {
            var own = _published.ExpectMsg<EpochKeyed>(Patience);
            Assert.Equal(keyed.CollectivePublicKey, own.CollectivePublicKey);
            var client = Array.IndexOf(_ids, _published.LastSender!.Path.Name);
            states.Add(EpochState.Open(own, _settings.Parameters, _identities[client], _ids[client]));
        }
        // Every client opened its copy of one and the same group key.
        Assert.Single(states.Select(s => s.GroupKey.Id).Distinct());
        foreach (var state in states)
        {
            state.Dispose();
        }
    }

    [Fact]
    public void A_member_that_never_commits_is_excluded_and_the_next_epoch_is_keyed_without_it()
    {
        var silent = CommitteeSelection.Choose(Seed, 1, Clients, 4, new HashSet<int>())[0];
        var keyManager = KeyManager(silent);
        keyManager.Tell(new EpochRequest { Epoch = 1, Reason = "start" }, TestActor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(500));

        Time!.Advance(PhaseTimeout);

        var keyed = ExpectMsg<EpochKeyed>(Patience);
        Assert.Equal(2u, keyed.Epoch);
        Assert.DoesNotContain(_ids[silent], keyed.Committee);
        Assert.Equal(4, keyed.Committee.Count);
    }

    [Fact]
    public void An_epoch_without_threshold_many_eligible_clients_fails_with_a_reason()
    {
        var keyManager = KeyManager();
        var request = new EpochRequest { Epoch = 1, Reason = "start" };
        request.Excluded.Add(_ids.Take(3));
        keyManager.Tell(request, TestActor);

        var failed = ExpectMsg<EpochFailed>(Patience);
        Assert.Contains("threshold t = 3", failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_epoch_gets_a_fresh_collective_key()
    {
        var keyManager = KeyManager();
        keyManager.Tell(new EpochRequest { Epoch = 1, Reason = "start" }, TestActor);
        var first = ExpectMsg<EpochKeyed>(Patience);
        keyManager.Tell(new EpochRequest { Epoch = 2, Reason = "rotate-every" }, TestActor);
        var second = ExpectMsg<EpochKeyed>(Patience);

        Assert.Equal(2u, second.Epoch);
        Assert.NotEqual(first.CollectivePublicKey, second.CollectivePublicKey);
    }
}
