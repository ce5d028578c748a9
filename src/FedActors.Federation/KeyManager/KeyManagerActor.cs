using System.Security.Cryptography;
using FedActors.Actors.Core;
using FedActors.Crypto.Envelope;
using FedActors.Crypto.Multiparty;
using FedActors.Crypto.Rlwe;
using FedActors.Federation.Protocol;
using FedActors.Federation.Secure;
using Google.Protobuf;
using PublicKeyShareMessage = FedActors.Federation.Protocol.PublicKeyShare;

namespace FedActors.Federation.KeyManager;

/// <summary>
/// The KeyManager (ARCHITECTURE.md, "Roles"): holds public material only and runs the key ceremony of each epoch when
/// the Coordinator sends an <see cref="EpochRequest"/>. It draws the committee (<see cref="CommitteeSelection"/>),
/// collects every member's CRS commitment before asking for reveals (<see cref="CrsCeremony"/>, which names members
/// whose reveal does not open their commitment), sums the public-key shares into the collective public key, asks every
/// member to deal Shamir shares of its secret (sealed end to end: the KeyManager only relays the bytes) and party 1 to
/// seal a fresh group key to every client, and, once every member holds its threshold key, publishes
/// <see cref="EpochKeyed"/> to the Coordinator and to every client (each with its own sealed group key). A member that
/// misses a phase's deadline or reveals a bad value is excluded and the ceremony restarts as the next epoch; when fewer
/// than t clients remain, the Coordinator gets <see cref="EpochFailed"/>.
/// </summary>
public sealed class KeyManagerActor : ReceiveActor
{
    private readonly SecureSettings _settings;
    private readonly RlweParameters _parameters;
    private readonly string _runId;
    private readonly long _seed;
    private readonly IReadOnlyList<IActorRef> _clients;
    private readonly IReadOnlyList<string> _clientIds;
    private readonly IReadOnlyList<EcPublicKey> _identities;
    private readonly TimeSpan _phaseTimeout;
    private Ceremony? _ceremony;

    /// <summary>Creates the KeyManager of run <paramref name="runId"/>.</summary>
    /// <param name="settings">The run's secure settings.</param>
    /// <param name="runId">The run id the epochs carry.</param>
    /// <param name="seed">The scenario's seed (committee selection).</param>
    /// <param name="clients">The clients, in client-index order.</param>
    /// <param name="clientIds">Their ids, in the same order.</param>
    /// <param name="identities">Their identity (signature and box) public keys, in the same order.</param>
    /// <param name="phaseTimeout">How long each ceremony phase waits for the members.</param>
    public KeyManagerActor(
        SecureSettings settings, string runId, long seed, IReadOnlyList<IActorRef> clients, IReadOnlyList<string> clientIds,
        IReadOnlyList<EcPublicKey> identities, TimeSpan phaseTimeout)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(clientIds);
        ArgumentNullException.ThrowIfNull(identities);
        _settings = settings;
        _parameters = settings.Parameters.Rlwe;
        _runId = runId;
        _seed = seed;
        _clients = clients;
        _clientIds = clientIds;
        _identities = identities;
        _phaseTimeout = phaseTimeout;
        Receive<EpochRequest>(OnEpochRequest);
        Receive<CrsCommit>(OnCommit);
        Receive<Protocol.CrsReveal>(OnReveal);
        Receive<PublicKeyShareMessage>(OnPublicKeyShare);
        Receive<SealedThresholdShare>(OnThresholdShare);
        Receive<ThresholdKeyReady>(OnReady);
        Receive<SealedGroupKeys>(OnGroupKeys);
        Receive<CeremonyDeadline>(OnDeadline);
    }

    /// <summary>The props of a KeyManager; see the constructor for the arguments.</summary>
    public static Props Props(
        SecureSettings settings, string runId, long seed, IReadOnlyList<IActorRef> clients, IReadOnlyList<string> clientIds,
        IReadOnlyList<EcPublicKey> identities, TimeSpan phaseTimeout) =>
        Actors.Core.Props.Create(() => new KeyManagerActor(settings, runId, seed, clients, clientIds, identities, phaseTimeout));

    private void OnEpochRequest(EpochRequest request)
    {
        var excluded = request.Excluded.Select(id => IndexOf(id)).Where(i => i >= 0).ToHashSet();
        Start(request.Epoch, excluded, Sender);
    }

    private void Start(uint epoch, HashSet<int> excluded, IActorRef requester)
    {
        var committee = CommitteeSelection.Choose(_seed, epoch, _clients.Count, _settings.CommitteeSize, excluded);
        if (committee.Length < _settings.Threshold)
        {
            _ceremony = null;
            requester.Tell(new EpochFailed
            {
                Epoch = epoch,
                Reason = $"only {committee.Length} clients can sit on the committee of epoch {epoch} ({excluded.Count} excluded as dead or faulty), fewer than the threshold t = {_settings.Threshold}",
            }, Self);
            return;
        }
        _ceremony = new Ceremony(epoch, committee, excluded, requester, new CrsCeremony(_parameters, epoch, Enumerable.Range(1, committee.Length)));
        var start = new KeyCeremonyStart { RunId = _runId, Epoch = epoch, Threshold = (uint)_settings.Threshold, ParameterSet = _settings.Parameters.Name };
        start.Committee.Add(committee.Select(i => _clientIds[i]));
        Broadcast(start);
        ArmDeadline();
    }

    private void OnCommit(CrsCommit commit)
    {
        if (Current(commit.Epoch, commit.PartyId, Phase.Commit) is not { } ceremony)
        {
            return;
        }
        ceremony.CountReceived(commit.CalculateSize());
        if (!TryParse(ceremony, commit.PartyId, () => CrsCommitment.FromBytes(_parameters, commit.Commitment.Span), out var commitment))
        {
            return;
        }
        ceremony.Crs.AddCommitment(commitment);
        ceremony.Commits.Add(commit);
        if (ceremony.Answered(commit.PartyId))
        {
            var request = new CrsRevealRequest { Epoch = ceremony.Epoch };
            request.Commits.Add(ceremony.Commits.OrderBy(c => c.PartyId));
            ceremony.Next(Phase.Reveal);
            Broadcast(request);
            ArmDeadline();
        }
    }

    private void OnReveal(Protocol.CrsReveal reveal)
    {
        if (Current(reveal.Epoch, reveal.PartyId, Phase.Reveal) is not { } ceremony)
        {
            return;
        }
        ceremony.CountReceived(reveal.CalculateSize());
        if (!TryParse(ceremony, reveal.PartyId, () => Crypto.Multiparty.CrsReveal.FromBytes(_parameters, reveal.SeedShare.Span), out var parsed))
        {
            return;
        }
        ceremony.Crs.AddReveal(parsed);
        ceremony.Reveals.Add(reveal);
        if (!ceremony.Answered(reveal.PartyId))
        {
            return;
        }
        byte[] seed;
        try
        {
            seed = ceremony.Crs.Complete();
        }
        catch (CrsCeremonyException e)
        {
            // A member whose reveal does not open its commitment is excluded; the next epoch gets a fresh ceremony.
            Restart(ceremony, e.Faults.Select(f => ceremony.Committee[f.PartyId - 1]));
            return;
        }
        var protocol = new PublicKeyGenProtocol(_parameters);
        ceremony.Crp = protocol.SampleCrp(seed, ceremony.Epoch);
        ceremony.Aggregate = protocol.AllocateShare(ceremony.Epoch);
        var fixedCrs = new CrsFixed { Epoch = ceremony.Epoch };
        fixedCrs.Reveals.Add(ceremony.Reveals.OrderBy(r => r.PartyId));
        ceremony.Next(Phase.PublicKey);
        Broadcast(fixedCrs);
        ArmDeadline();
    }

    private void OnPublicKeyShare(PublicKeyShareMessage share)
    {
        if (Current(share.Epoch, share.PartyId, Phase.PublicKey) is not { } ceremony)
        {
            return;
        }
        ceremony.CountReceived(share.CalculateSize());
        if (!TryParse(ceremony, share.PartyId, () => Crypto.Multiparty.PublicKeyShare.FromBytes(_parameters, share.Share.Span), out var parsed))
        {
            return;
        }
        if (parsed.PartyId != share.PartyId || parsed.Epoch != ceremony.Epoch || share.BoxPublicKey.Length != EcPublicKey.PointSize)
        {
            Restart(ceremony, [ceremony.Committee[(int)share.PartyId - 1]]);
            return;
        }
        new PublicKeyGenProtocol(_parameters).AggregateShares(parsed, ceremony.Aggregate!);
        ceremony.PublicKeyShares[(int)share.PartyId] = share;
        if (!ceremony.Answered(share.PartyId))
        {
            return;
        }
        ceremony.CollectiveKey = new PublicKeyGenProtocol(_parameters).GenPublicKey(ceremony.Aggregate!, ceremony.Crp!);
        var deal = new ThresholdDealRequest { Epoch = ceremony.Epoch };
        deal.BoxPublicKeys.Add(ceremony.PublicKeyShares.OrderBy(p => p.Key).Select(p => p.Value.BoxPublicKey));
        ceremony.Next(Phase.Deal);
        Broadcast(deal);
        var groupKeys = new GroupKeyRequest { Epoch = ceremony.Epoch };
        groupKeys.ClientIds.Add(_clientIds);
        groupKeys.IdentityKeys.Add(_identities.Select(k => ByteString.CopyFrom(k.ToUncompressedPoint())));
        _clients[ceremony.Committee[0]].Tell(groupKeys, Self);
        ceremony.CountSent(groupKeys.CalculateSize());
        ArmDeadline();
    }

    private void OnThresholdShare(SealedThresholdShare share)
    {
        if (Current(share.Epoch, share.FromParty, Phase.Deal, once: false) is not { } ceremony || share.ToParty < 1 || share.ToParty > ceremony.Committee.Length)
        {
            return;
        }
        // Relayed unread: the share is sealed to the recipient's identity key.
        ceremony.CountReceived(share.CalculateSize());
        ceremony.CountSent(share.CalculateSize());
        _clients[ceremony.Committee[(int)share.ToParty - 1]].Tell(share, Self);
    }

    private void OnReady(ThresholdKeyReady ready)
    {
        if (Current(ready.Epoch, ready.PartyId, Phase.Deal) is not { } ceremony)
        {
            return;
        }
        ceremony.Answered(ready.PartyId);
        PublishIfComplete(ceremony);
    }

    private void OnGroupKeys(SealedGroupKeys keys)
    {
        if (_ceremony is not { Phase: Phase.Deal } ceremony || keys.Epoch != ceremony.Epoch || !Sender.Equals(_clients[ceremony.Committee[0]]))
        {
            return;
        }
        ceremony.CountReceived(keys.CalculateSize());
        ceremony.GroupKeys = keys.ClientIds.Zip(keys.Sealed).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
        PublishIfComplete(ceremony);
    }

    private void PublishIfComplete(Ceremony ceremony)
    {
        if (!ceremony.AllAnswered || ceremony.GroupKeys is null)
        {
            return;
        }
        Context.Timers.Cancel("ceremony");
        var keyed = new EpochKeyed
        {
            RunId = _runId,
            Epoch = ceremony.Epoch,
            CollectivePublicKey = UnsafeByteOperations.UnsafeWrap(RlweSerializer.Serialize(ceremony.CollectiveKey!, _parameters)),
            Threshold = (uint)_settings.Threshold,
            PublicKeySharesHash = ByteString.CopyFrom(SharesHash(ceremony)),
        };
        keyed.Committee.Add(ceremony.Committee.Select(i => _clientIds[i]));
        for (var i = 0; i < _clients.Count; i++)
        {
            var own = keyed.Clone();
            own.SealedGroupKey = ceremony.GroupKeys.GetValueOrDefault(_clientIds[i], ByteString.Empty);
            ceremony.CountSent(own.CalculateSize());
            _clients[i].Tell(own, Self);
        }
        keyed.CeremonyBytesSent = (ulong)ceremony.BytesSent;
        keyed.CeremonyBytesReceived = (ulong)ceremony.BytesReceived;
        ceremony.Requester.Tell(keyed, Self);
        ceremony.Next(Phase.Done);
    }

    private static byte[] SharesHash(Ceremony ceremony)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var share in ceremony.PublicKeyShares.OrderBy(p => p.Key))
        {
            hash.AppendData(share.Value.Share.Span);
        }
        return hash.GetHashAndReset();
    }

    private void OnDeadline(CeremonyDeadline deadline)
    {
        if (_ceremony is { } ceremony && ceremony.Epoch == deadline.Epoch && ceremony.Phase != Phase.Done)
        {
            // Every member answered but the group key never came: its dealer (party 1) is the faulty one.
            var missing = ceremony.Missing().DefaultIfEmpty(1);
            Restart(ceremony, missing.Select(p => ceremony.Committee[p - 1]));
        }
    }

    private void Restart(Ceremony ceremony, IEnumerable<int> faulty)
    {
        Context.Timers.Cancel("ceremony");
        var excluded = new HashSet<int>(ceremony.Excluded);
        excluded.UnionWith(faulty);
        Start(ceremony.Epoch + 1, excluded, ceremony.Requester);
    }

    private Ceremony? Current(uint epoch, uint party, Phase phase, bool once = true)
    {
        // Messages of an abandoned ceremony or another phase, from non-members, claiming another member's party id, or
        // repeating an answer are ignored.
        var ceremony = _ceremony;
        return ceremony is not null && ceremony.Epoch == epoch && ceremony.Phase == phase && party >= 1 && party <= ceremony.Committee.Length
            && Sender.Equals(_clients[ceremony.Committee[(int)party - 1]]) && !(once && ceremony.HasAnswered(party))
            ? ceremony
            : null;
    }

    private bool TryParse<T>(Ceremony ceremony, uint party, Func<T> parse, out T value)
        where T : class
    {
        try
        {
            value = parse();
            return true;
        }
        catch (CryptoFormatException)
        {
            // A malformed message is the member's fault: exclude it and key the next epoch without it.
            value = null!;
            Restart(ceremony, [ceremony.Committee[(int)party - 1]]);
            return false;
        }
    }

    private void Broadcast(IMessage message)
    {
        var ceremony = _ceremony!;
        foreach (var member in ceremony.Committee)
        {
            _clients[member].Tell(message, Self);
        }
        ceremony.CountSent((long)message.CalculateSize() * ceremony.Committee.Length);
    }

    private void ArmDeadline() =>
        Context.Timers.StartSingleTimer("ceremony", new CeremonyDeadline { Epoch = _ceremony!.Epoch }, _phaseTimeout);

    private int IndexOf(string clientId)
    {
        for (var i = 0; i < _clientIds.Count; i++)
        {
            if (_clientIds[i] == clientId)
            {
                return i;
            }
        }
        return -1;
    }

    private enum Phase
    {
        Commit,
        Reveal,
        PublicKey,
        Deal,
        Done,
    }

    /// <summary>One epoch's ceremony: who is on the committee, which phase it is in, and who answered that phase.</summary>
    private sealed class Ceremony(uint epoch, int[] committee, HashSet<int> excluded, IActorRef requester, CrsCeremony crs)
    {
        private readonly HashSet<uint> _answered = [];

        public uint Epoch { get; } = epoch;

        public int[] Committee { get; } = committee;

        public HashSet<int> Excluded { get; } = excluded;

        public IActorRef Requester { get; } = requester;

        public CrsCeremony Crs { get; } = crs;

        public Phase Phase { get; private set; }

        public long BytesSent { get; private set; }

        public long BytesReceived { get; private set; }

        public List<CrsCommit> Commits { get; } = [];

        public List<Protocol.CrsReveal> Reveals { get; } = [];

        public Dictionary<int, PublicKeyShareMessage> PublicKeyShares { get; } = [];

        public Crypto.Ring.RnsPolynomial? Crp { get; set; }

        public Crypto.Multiparty.PublicKeyShare? Aggregate { get; set; }

        public PublicKey? CollectiveKey { get; set; }

        public Dictionary<string, ByteString>? GroupKeys { get; set; }

        public bool AllAnswered => _answered.Count == Committee.Length;

        public bool HasAnswered(uint party) => _answered.Contains(party);

        /// <summary>Records <paramref name="party"/>'s answer to the current phase; true once every member answered.</summary>
        public bool Answered(uint party)
        {
            _answered.Add(party);
            return AllAnswered;
        }

        public IEnumerable<int> Missing() => Enumerable.Range(1, Committee.Length).Where(p => !_answered.Contains((uint)p));

        public void Next(Phase phase)
        {
            Phase = phase;
            _answered.Clear();
        }

        public void CountSent(long bytes) => BytesSent += bytes;

        public void CountReceived(long bytes) => BytesReceived += bytes;
    }
}
