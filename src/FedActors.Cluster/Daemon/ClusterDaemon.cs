using FedActors.Actors.Core;
using FedActors.Cluster.Events;
using FedActors.Cluster.FailureDetection;
using FedActors.Cluster.Membership;
using FedActors.Cluster.Protos;
using FedActors.Cluster.Settings;
using FedActors.Crypto.Identity;
using FedActors.Remote;
using Microsoft.Extensions.Logging;

namespace FedActors.Cluster.Daemon;

/// <summary>
/// The membership actor of one node (<c>/system/cluster</c>), after Akka's ClusterCoreDaemon. It joins through the
/// seed nodes, checks the role claims of nodes joining through it, gossips the full membership state (to one member
/// per tick, round robin, plus the members the leader just moved), runs the
/// leader actions when this node leads, heartbeats in a star (the leader monitors every member, every other member
/// monitors the leader), downs members the coordinator finds unreachable for too long, quarantines down and
/// removed incarnations, and publishes member events.
/// </summary>
internal sealed class ClusterDaemon : ReceiveActor
{
    public const string Name = "cluster";

    private readonly Cluster _cluster;
    private readonly Remoting _remoting;
    private readonly Roster _roster;
    private readonly ClusterSettings _settings;
    private readonly UniqueAddress _self;
    private readonly ILogger _log;
    private readonly TimeProvider _time;
    private readonly HashSet<IActorRef> _subscribers = [];
    private readonly Dictionary<UniqueAddress, Monitored> _monitored = [];
    private readonly Dictionary<UniqueAddress, long> _unreachableSince = [];
    private readonly Dictionary<UniqueAddress, int> _pendingRemoval = [];
    private Gossip _gossip = Gossip.Empty;
    private Gossip _published = Gossip.Empty;
    private bool _joined;
    private bool _refused;
    private bool _shuttingDown;
    private int _tick;

    public ClusterDaemon(Cluster cluster, Remoting remoting, Roster roster, ClusterSettings settings, ILogger log)
    {
        _cluster = cluster;
        _remoting = remoting;
        _roster = roster;
        _settings = settings;
        _self = cluster.SelfUniqueAddress;
        _log = log;
        _time = cluster.System.TimeProvider;

        Receive<Subscribe>(s => OnSubscribe(s.Subscriber));
        Receive<Unsubscribe>(u => _subscribers.Remove(u.Subscriber));
        Receive<Terminated>(t => _subscribers.Remove(t.ActorRef));
        Receive<InitJoin>(OnInitJoin);
        Receive<InitJoinAck>(OnInitJoinAck);
        Receive<Join>(OnJoin);
        Receive<JoinRefused>(OnJoinRefused);
        Receive<Welcome>(OnWelcome);
        Receive<GossipEnvelope>(OnGossip);
        Receive<ClusterHeartbeat>(_ => Sender.Tell(new ClusterHeartbeatResponse { From = Gossip.ToProto(_self) }, Self));
        Receive<ClusterHeartbeatResponse>(OnHeartbeatResponse);
        Receive<JoinTick>(_ => AskSeeds());
        Receive<SeedTimeout>(_ => JoinSelfIfAlone());
        Receive<GossipTick>(_ => OnGossipTick());
        Receive<HeartbeatTick>(_ => OnHeartbeatTick());
        Receive<LeaveRequest>(_ => OnLeave());
        Receive<DownRequest>(d => OnDown(d.Address));
        Receive<ShutdownNow>(_ => Context.Stop(Self));
    }

    protected override void PreStart()
    {
        var others = _settings.SeedNodes.Where(a => !a.Equals(_self.Address)).ToList();
        if (others.Count == 0)
        {
            _log.LogInformation("Cluster node {Address}: no other seed node, starting a new cluster", _self.Address);
            JoinSelf();
        }
        else
        {
            AskSeeds();
            Context.Timers.StartPeriodicTimer("join", JoinTick.Instance, _settings.RetryUnsuccessfulJoinAfter);
            if (_settings.SeedNodes[0].Equals(_self.Address))
            {
                // The first seed joins itself only when no other seed is a member yet, so that a restarted first
                // seed rejoins a running cluster instead of splitting it.
                Context.Timers.StartSingleTimer("seed-timeout", SeedTimeout.Instance, _settings.SeedNodeTimeout);
            }
        }
        Context.Timers.StartPeriodicTimer("gossip", GossipTick.Instance, _settings.GossipInterval);
        Context.Timers.StartPeriodicTimer("heartbeat", HeartbeatTick.Instance, _settings.FailureDetector.HeartbeatInterval);
    }

    protected override void PostStop()
    {
        var self = _gossip.Members.GetValueOrDefault(_self);
        if (self is not null && _joined)
        {
            var removed = new Member(_self, MemberStatus.Removed, self.Roles);
            foreach (var subscriber in _subscribers)
            {
                subscriber.Tell(new MemberRemoved(removed, self.Status), Self);
            }
        }
        _cluster.Stopped();
    }

    private void OnSubscribe(IActorRef subscriber)
    {
        if (_subscribers.Add(subscriber))
        {
            Context.Watch(subscriber);
        }
        subscriber.Tell(_published.ToState(), Self);
    }

    private void AskSeeds()
    {
        if (_joined || _refused)
        {
            Context.Timers.Cancel("join");
            return;
        }
        foreach (var seed in _settings.SeedNodes.Where(a => !a.Equals(_self.Address)))
        {
            DaemonOf(seed).Tell(new InitJoin { From = Gossip.ToProto(_self) }, Self);
        }
    }

    private void JoinSelfIfAlone()
    {
        if (!_joined && !_refused)
        {
            _log.LogInformation("Cluster node {Address}: no other seed node answered within {Timeout} (fedactors.cluster.seed-node-timeout), starting a new cluster", _self.Address, _settings.SeedNodeTimeout);
            JoinSelf();
        }
    }

    private void JoinSelf()
    {
        _joined = true;
        Context.Timers.Cancel("join");
        Update(Gossip.Empty.AddJoining(_self, _cluster.SelfRoles));
        LeaderActions();
    }

    private void OnInitJoin(InitJoin message)
    {
        if (_joined && !_shuttingDown)
        {
            Sender.Tell(new InitJoinAck { From = Gossip.ToProto(_self) }, Self);
        }
    }

    private void OnInitJoinAck(InitJoinAck message)
    {
        if (!_joined && !_refused)
        {
            var join = new Join { Node = Gossip.ToProto(_self) };
            join.Roles.AddRange(_cluster.SelfRoles.Select(NodeRoles.ToName));
            Sender.Tell(join, Self);
        }
    }

    private void OnJoin(Join message)
    {
        if (!_joined || _shuttingDown)
        {
            return;
        }
        UniqueAddress node;
        List<NodeRole> roles;
        try
        {
            node = Gossip.FromProto(message.Node);
            roles = [.. message.Roles.Select(NodeRoles.Parse).Distinct()];
        }
        catch (FormatException e)
        {
            _log.LogWarning("Cluster: ignored a malformed join request: {Reason}", e.Message);
            return;
        }
        var certificate = _remoting.PeerCertificate(node.Address);
        var refusal = certificate is null
            ? $"{node.Address} has no authenticated connection to this node"
            : RosterRoles.Refusal(_roster, certificate, roles);
        if (refusal is not null)
        {
            _log.LogWarning("Cluster: refused the join of {Address}: {Reason}", node.Address, refusal);
            Sender.Tell(new JoinRefused { Reason = $"{_self.Address} refused the join of {node.Address}: {refusal}" }, Self);
            return;
        }
        var gossip = _gossip;
        // A joiner repeats its join until welcomed, so its old incarnation may be down already.
        foreach (var old in gossip.Live.Where(m => m.Address.Equals(node.Address) && m.UniqueAddress.Uid != node.Uid && m.Status != MemberStatus.Down))
        {
            _log.LogInformation("Cluster: {Address} rejoins as incarnation {Uid}; downing its old incarnation {OldUid}", node.Address, node.Uid, old.UniqueAddress.Uid);
            gossip = gossip.WithStatus(old.UniqueAddress, MemberStatus.Down);
        }
        if (gossip.StatusOf(node) is MemberStatus.Down or MemberStatus.Removed)
        {
            Sender.Tell(new JoinRefused { Reason = $"{_self.Address} refused the join of {node}: this incarnation was downed or removed; restart the node to rejoin with a new UID" }, Self);
            return;
        }
        Update(gossip.AddJoining(node, roles));
        Sender.Tell(new Welcome { From = Gossip.ToProto(_self), Gossip = _gossip.ToProto() }, Self);
    }

    private void OnJoinRefused(JoinRefused message)
    {
        if (_joined || _refused)
        {
            return;
        }
        _refused = true;
        Context.Timers.Cancel("join");
        _log.LogError("Cluster: join refused: {Reason}", message.Reason);
        _cluster.JoinRefused(message.Reason);
    }

    private void OnWelcome(Welcome message)
    {
        if (_joined || _refused)
        {
            return;
        }
        if (!TryRead(message.Gossip, out var gossip) || gossip.StatusOf(_self) is null)
        {
            _log.LogWarning("Cluster: ignored a welcome that does not list this node");
            return;
        }
        _joined = true;
        Context.Timers.Cancel("join");
        Context.Timers.Cancel("seed-timeout");
        _log.LogInformation("Cluster node {Address} joined through {Seed}", _self.Address, message.From?.Address);
        Update(_gossip.Merge(gossip));
    }

    private void OnGossip(GossipEnvelope envelope)
    {
        if (!_joined || envelope.To is null || envelope.To.Uid != _self.Uid || envelope.To.Address != _self.Address.ToString())
        {
            return;
        }
        if (!TryRead(envelope.Gossip, out var received))
        {
            return;
        }
        var merged = _gossip.Merge(received);
        Update(merged);
        if (_self.Equals(merged.Leader) && merged.Live.Any(m => m.Status is MemberStatus.Joining or MemberStatus.Leaving))
        {
            // Joins and leaves need not wait for the next tick: a stopping process has little time to leave.
            LeaderActions();
        }
        if (!merged.SameAs(received))
        {
            // Push-pull: the sender lacks something this node knows.
            Sender.Tell(Envelope(envelope.From.Address, envelope.From.Uid), Self);
        }
    }

    private void OnHeartbeatResponse(ClusterHeartbeatResponse response)
    {
        try
        {
            if (_monitored.TryGetValue(Gossip.FromProto(response.From), out var monitored))
            {
                monitored.Detector.Heartbeat();
            }
        }
        catch (FormatException e)
        {
            _log.LogWarning("Cluster: ignored a malformed heartbeat response: {Reason}", e.Message);
        }
    }

    private void OnHeartbeatTick()
    {
        if (!_joined)
        {
            return;
        }
        UpdateMonitored();
        var now = _time.GetTimestamp();
        var unreachable = new HashSet<UniqueAddress>();
        foreach (var (node, monitored) in _monitored)
        {
            if (!monitored.Detector.IsMonitoring && _time.GetElapsedTime(monitored.Since, now) >= _settings.FailureDetector.ExpectedResponseAfter)
            {
                // No response to the first heartbeats: start accruing, so that a node that never answers becomes unreachable.
                monitored.Detector.Heartbeat();
            }
            if (!monitored.Detector.IsAvailable)
            {
                unreachable.Add(node);
            }
            DaemonOf(node.Address).Tell(new ClusterHeartbeat { From = Gossip.ToProto(_self) }, Self);
        }
        Update(_gossip.WithObservation(_self, unreachable));
    }

    private void UpdateMonitored()
    {
        var leader = _gossip.Leader;
        var targets = leader is null
            ? []
            : leader.Equals(_self)
                ? _gossip.Live.Where(m => m.Status != MemberStatus.Down && !m.UniqueAddress.Equals(_self)).Select(m => m.UniqueAddress).ToHashSet()
                : new HashSet<UniqueAddress> { leader };
        foreach (var gone in _monitored.Keys.Where(k => !targets.Contains(k)).ToList())
        {
            _monitored.Remove(gone);
        }
        foreach (var node in targets.Where(t => !_monitored.ContainsKey(t)))
        {
            _monitored.Add(node, new Monitored(new PhiAccrualFailureDetector(_settings.FailureDetector, _time), _time.GetTimestamp()));
        }
    }

    private void OnGossipTick()
    {
        if (!_joined || _shuttingDown)
        {
            return;
        }
        _tick++;
        if (_self.Equals(_gossip.Leader))
        {
            LeaderActions();
        }
        // Round robin over the other members in address order, starting after this node: every member is reached
        // within n - 1 ticks, with no randomness to inject, and neighbours start at different peers.
        var members = _gossip.Live.Where(m => m.Status != MemberStatus.Down).Select(m => m.UniqueAddress).ToList();
        var position = members.IndexOf(_self);
        if (members.Count > 1 && position >= 0)
        {
            var peer = members[(position + 1 + (_tick % (members.Count - 1))) % members.Count];
            DaemonOf(peer.Address).Tell(Envelope(peer.Address.ToString(), peer.Uid), Self);
        }
    }

    /// <summary>
    /// What the leader does each gossip tick: Joining → Up, Leaving → Exiting, and Exiting or Down → Removed one
    /// tick later (so the member has heard of its exit or down first). A leader with the coordinator role also
    /// downs members unreachable for longer than down-unreachable-after; without a coordinator nobody downs
    /// automatically, and while the coordinator itself is unreachable it stays leader, so clients never down each other.
    /// </summary>
    private void LeaderActions()
    {
        var gossip = _gossip;
        foreach (var member in gossip.Live.ToList())
        {
            switch (member.Status)
            {
                case MemberStatus.Joining:
                    gossip = gossip.WithStatus(member.UniqueAddress, MemberStatus.Up);
                    break;
                case MemberStatus.Leaving:
                    gossip = gossip.WithStatus(member.UniqueAddress, MemberStatus.Exiting);
                    break;
                case MemberStatus.Exiting or MemberStatus.Down:
                    if (!_pendingRemoval.TryAdd(member.UniqueAddress, _tick) && _pendingRemoval[member.UniqueAddress] < _tick)
                    {
                        gossip = gossip.WithStatus(member.UniqueAddress, MemberStatus.Removed);
                        _pendingRemoval.Remove(member.UniqueAddress);
                    }
                    break;
                default:
                    break;
            }
        }
        if (gossip.Members.GetValueOrDefault(_self)?.HasRole(NodeRole.Coordinator) == true)
        {
            gossip = DownUnreachable(gossip);
        }
        // The members moved on hear it at once (a joiner that it is Up, a leaver that it may stop); the rest learn
        // it by gossip, so a change costs one state per moved member rather than one per member.
        var moved = gossip.Live
            .Where(m => m.Status is not MemberStatus.Down && !m.UniqueAddress.Equals(_self) && _gossip.StatusOf(m.UniqueAddress) != m.Status)
            .ToList();
        // A leader that moves itself to Exiting stops one gossip interval later: everyone hears it now, so a client
        // takes over as leader and removes it instead of waiting for an incarnation that is gone.
        if (gossip.StatusOf(_self) == MemberStatus.Exiting && _gossip.StatusOf(_self) != MemberStatus.Exiting)
        {
            moved = gossip.Live.Where(m => m.Status is not MemberStatus.Down && !m.UniqueAddress.Equals(_self)).ToList();
        }
        Update(gossip);
        foreach (var member in moved)
        {
            DaemonOf(member.Address).Tell(Envelope(member.Address.ToString(), member.UniqueAddress.Uid), Self);
        }
    }

    private Gossip DownUnreachable(Gossip gossip)
    {
        var now = _time.GetTimestamp();
        var unreachable = gossip.Unreachable;
        foreach (var node in _unreachableSince.Keys.Where(n => !unreachable.Contains(n)).ToList())
        {
            _unreachableSince.Remove(node);
        }
        foreach (var node in unreachable)
        {
            if (node.Equals(_self) || gossip.StatusOf(node) is MemberStatus.Down or MemberStatus.Removed)
            {
                continue;
            }
            if (!_unreachableSince.TryGetValue(node, out var since))
            {
                _unreachableSince[node] = now;
            }
            else if (_time.GetElapsedTime(since, now) >= _settings.DownUnreachableAfter)
            {
                _log.LogWarning("Cluster: downing {Node}, unreachable for {Elapsed:0.0} s (fedactors.cluster.down-unreachable-after = {After})",
                    node, _time.GetElapsedTime(since, now).TotalSeconds, _settings.DownUnreachableAfter);
                gossip = gossip.WithStatus(node, MemberStatus.Down);
                _unreachableSince.Remove(node);
            }
        }
        return gossip;
    }

    private void OnLeave()
    {
        if (!_joined)
        {
            _shuttingDown = true;
            Context.Stop(Self);
            return;
        }
        _log.LogInformation("Cluster node {Address} is leaving", _self.Address);
        Update(_gossip.WithStatus(_self, MemberStatus.Leaving));
        var leader = _gossip.Leader;
        if (_self.Equals(leader))
        {
            LeaderActions();
        }
        else if (leader is not null)
        {
            DaemonOf(leader.Address).Tell(Envelope(leader.Address.ToString(), leader.Uid), Self);
        }
    }

    private void OnDown(Address address)
    {
        var gossip = _gossip;
        foreach (var member in gossip.Live.Where(m => m.Address.Equals(address)))
        {
            _log.LogWarning("Cluster: downing {Node} on request", member.UniqueAddress);
            gossip = gossip.WithStatus(member.UniqueAddress, MemberStatus.Down);
        }
        Update(gossip);
    }

    private void Update(Gossip gossip)
    {
        _gossip = gossip;
        if (gossip.SameAs(_published))
        {
            return;
        }
        var previous = _published;
        _published = gossip;
        var events = new List<IClusterDomainEvent>();
        foreach (var member in gossip.Members.Values)
        {
            var before = previous.Members.GetValueOrDefault(member.UniqueAddress);
            if (before?.Status == member.Status)
            {
                continue;
            }
            if (!member.UniqueAddress.Equals(_self) && member.Status is MemberStatus.Down or MemberStatus.Removed
                && before?.Status is not (MemberStatus.Down or MemberStatus.Removed))
            {
                _remoting.Quarantine(member.Address, member.UniqueAddress.Uid);
            }
            IClusterDomainEvent? change = member.Status switch
            {
                MemberStatus.Joining => new MemberJoined(member),
                MemberStatus.Up => new MemberUp(member),
                MemberStatus.Leaving => new MemberLeft(member),
                MemberStatus.Exiting => new MemberExited(member),
                MemberStatus.Removed when before is not null => new MemberRemoved(member, before.Status),
                _ => null,
            };
            if (change is not null)
            {
                _log.LogInformation("Cluster: {Member}", member);
                events.Add(change);
            }
        }
        var wasUnreachable = previous.Unreachable;
        var unreachable = gossip.Unreachable;
        foreach (var node in unreachable.Where(n => !wasUnreachable.Contains(n)))
        {
            _log.LogWarning("Cluster: {Node} is unreachable", node);
            events.Add(new UnreachableMember(gossip.Members[node]));
        }
        foreach (var node in wasUnreachable.Where(n => !unreachable.Contains(n) && gossip.StatusOf(n) is not (null or MemberStatus.Removed)))
        {
            _log.LogInformation("Cluster: {Node} is reachable again", node);
            events.Add(new ReachableMember(gossip.Members[node]));
        }
        var leader = gossip.Leader?.Address;
        if (!Equals(leader, previous.Leader?.Address))
        {
            _log.LogInformation("Cluster: leader is {Leader}", leader?.ToString() ?? "none");
            events.Add(new LeaderChanged(leader));
        }
        _cluster.Published(gossip.ToState());
        foreach (var change in events)
        {
            foreach (var subscriber in _subscribers)
            {
                subscriber.Tell(change, Self);
            }
        }
        SelfStatusChanged(gossip.StatusOf(_self));
    }

    private void SelfStatusChanged(MemberStatus? status)
    {
        if (status is MemberStatus.Up or MemberStatus.Leaving or MemberStatus.Exiting)
        {
            _cluster.SelfUp();
        }
        if (_shuttingDown)
        {
            return;
        }
        if (status is MemberStatus.Exiting or MemberStatus.Down or MemberStatus.Removed)
        {
            _cluster.SelfExited();
        }
        if (status == MemberStatus.Exiting)
        {
            // Stay one gossip interval so the leader's broadcast settles, then leave for good.
            _shuttingDown = true;
            Context.Timers.StartSingleTimer("shutdown", ShutdownNow.Instance, _settings.GossipInterval);
        }
        else if (status is MemberStatus.Down or MemberStatus.Removed)
        {
            _shuttingDown = true;
            _log.LogWarning("Cluster node {Address} was {Status} by the cluster; restart it to rejoin as a new incarnation", _self.Address, status);
            Context.Stop(Self);
        }
    }

    private GossipEnvelope Envelope(string address, ulong uid) => new()
    {
        From = Gossip.ToProto(_self),
        To = new NodeId { Address = address, Uid = uid },
        Gossip = _gossip.ToProto(),
    };

    private bool TryRead(GossipState? state, out Gossip gossip)
    {
        try
        {
            gossip = Gossip.FromProto(state ?? new GossipState());
            return true;
        }
        catch (FormatException e)
        {
            _log.LogWarning("Cluster: ignored malformed gossip: {Reason}", e.Message);
            gossip = Gossip.Empty;
            return false;
        }
    }

    private IActorRef DaemonOf(Address address) => Context.System.ResolveActorRef($"{address}/system/{Name}");

    private sealed record Monitored(PhiAccrualFailureDetector Detector, long Since);
}
