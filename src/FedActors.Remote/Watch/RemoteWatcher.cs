using FedActors.Actors.Core;
using FedActors.Remote.Endpoint;
using FedActors.Remote.Protos;
using Microsoft.Extensions.Logging;

namespace FedActors.Remote.Watch;

/// <summary>
/// Remote DeathWatch after Akka's RemoteWatcher: remembers which local actors watch which remote ones, heartbeats
/// every node it watches actors on, and when a node stays silent beyond the acceptable pause (or restarts with a
/// new UID) tells every local watcher <c>Terminated</c> for that node's watched actors and quarantines its UID.
/// </summary>
internal sealed class RemoteWatcher : IDisposable
{
    private readonly EndpointManager _manager;
    private readonly TimeSpan _acceptablePause;
    private readonly object _gate = new();
    private readonly Dictionary<Address, WatchedNode> _nodes = [];
    private readonly ITimer _timer;

    public RemoteWatcher(EndpointManager manager, TimeSpan heartbeatInterval, TimeSpan acceptablePause)
    {
        _manager = manager;
        _acceptablePause = acceptablePause;
        _timer = manager.System.TimeProvider.CreateTimer(_ => Tick(), null, heartbeatInterval, heartbeatInterval);
    }

    public void AddWatch(RemoteActorRef watchee, IInternalActorRef watcher)
    {
        lock (_gate)
        {
            if (!_nodes.TryGetValue(watchee.Path.Address, out var node))
            {
                node = new WatchedNode(new DeadlineFailureDetector(_acceptablePause, _manager.System.TimeProvider));
                _nodes.Add(watchee.Path.Address, node);
            }
            node.Watches.Add((watchee, watcher));
        }
    }

    public void RemoveWatch(IActorRef watchee, IActorRef watcher)
    {
        lock (_gate)
        {
            if (_nodes.TryGetValue(watchee.Path.Address, out var node))
            {
                node.Watches.RemoveWhere(w => w.Watchee.Equals(watchee) && w.Watcher.Equals(watcher));
                if (node.Watches.Count == 0)
                {
                    _nodes.Remove(watchee.Path.Address);
                }
            }
        }
    }

    public void HeartbeatAcknowledged(Address address, ulong uid)
    {
        lock (_gate)
        {
            if (_nodes.TryGetValue(address, out var node))
            {
                node.Uid ??= uid;
                if (node.Uid == uid)
                {
                    node.Detector.Heartbeat();
                }
            }
        }
    }

    /// <summary>The node at <paramref name="address"/> is gone (unreachable, or restarted as a new incarnation).</summary>
    public void NodeTerminated(Address address, string reason)
    {
        List<(RemoteActorRef Watchee, IInternalActorRef Watcher)> watches;
        lock (_gate)
        {
            if (!_nodes.Remove(address, out var node))
            {
                return;
            }
            watches = [.. node.Watches];
        }
        _manager.Log.LogWarning("Remote system {Address} {Reason}: {Count} watched actors are terminated", address, reason, watches.Count);
        foreach (var (watchee, watcher) in watches)
        {
            watcher.SendSystemMessage(new DeathWatchNotification(watchee, existenceConfirmed: false));
        }
    }

    public void Dispose() => _timer.Dispose();

    private void Tick()
    {
        List<(Address Address, ulong? Uid)> unreachable = [];
        List<Address> alive = [];
        lock (_gate)
        {
            foreach (var (address, node) in _nodes)
            {
                if (node.Detector.IsAvailable)
                {
                    alive.Add(address);
                }
                else
                {
                    unreachable.Add((address, node.Uid));
                }
            }
        }
        foreach (var address in alive)
        {
            _manager.SendControl(address, new Frame { Heartbeat = new Heartbeat() });
        }
        foreach (var (address, uid) in unreachable)
        {
            // The incarnation that answered the heartbeats is the silent one; a new incarnation that connected since
            // (a restart at the same address) is not, and quarantining it would cut it off for good.
            const string Reason = "is unreachable (no heartbeat within fedactors.remote.acceptable-heartbeat-pause)";
            if (uid is { } silent)
            {
                _manager.Quarantine(address, silent, Reason);
            }
            else
            {
                _manager.QuarantineCurrent(address, Reason);
            }
            NodeTerminated(address, "is unreachable");
        }
    }

    private sealed class WatchedNode(DeadlineFailureDetector detector)
    {
        public DeadlineFailureDetector Detector { get; } = detector;

        public ulong? Uid { get; set; }

        public HashSet<(RemoteActorRef Watchee, IInternalActorRef Watcher)> Watches { get; } = [];
    }
}
