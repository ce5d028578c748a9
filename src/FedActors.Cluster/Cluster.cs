using FedActors.Actors.Core;
using FedActors.Cluster.Daemon;
using FedActors.Cluster.Events;
using FedActors.Cluster.Membership;
using FedActors.Cluster.Settings;
using FedActors.Crypto.Identity;
using FedActors.Remote;
using FedActors.Remote.Transport;
using Microsoft.Extensions.Logging;

namespace FedActors.Cluster;

/// <summary>
/// Cluster membership for a remoted <see cref="ActorSystem"/>, after Akka.Cluster: the node joins through
/// <c>fedactors.cluster.seed-nodes</c>, members move through <see cref="MemberStatus"/> under the leader,
/// membership converges by full-state gossip, a phi-accrual failure detector marks members unreachable, and the
/// coordinator downs members unreachable for <c>down-unreachable-after</c>. Roles are checked against the roster:
/// a node may claim only the role its certificate is admitted with, both at <see cref="Start"/> and at every
/// join it takes. One instance per system (<see cref="Get"/>).
/// </summary>
public sealed class Cluster : IAsyncDisposable
{
    private readonly TaskCompletionSource _up = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _removed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IActorRef? _daemon;
    private CurrentClusterState _state = CurrentClusterState.Empty;

    private Cluster(ActorSystem system, UniqueAddress self, IReadOnlyList<NodeRole> roles, ClusterSettings settings)
    {
        System = system;
        SelfUniqueAddress = self;
        SelfRoles = roles;
        Settings = settings;
    }

    /// <summary>The actor system this cluster extends.</summary>
    public ActorSystem System { get; }

    /// <summary>This node's incarnation: its remoting address and UID.</summary>
    public UniqueAddress SelfUniqueAddress { get; }

    /// <summary>This node's address.</summary>
    public Address SelfAddress => SelfUniqueAddress.Address;

    /// <summary>The roles this node claims (<c>fedactors.cluster.roles</c>), checked against the roster.</summary>
    public IReadOnlyList<NodeRole> SelfRoles { get; }

    /// <summary>The settings the cluster runs with.</summary>
    public ClusterSettings Settings { get; }

    /// <summary>The membership as this node sees it now (empty before it has joined).</summary>
    public CurrentClusterState State => Volatile.Read(ref _state);

    /// <summary>This node as a member, or null before it has joined and after it was removed.</summary>
    public Member? SelfMember => State.Members.FirstOrDefault(m => m.UniqueAddress.Equals(SelfUniqueAddress));

    /// <summary>Completes when this node is Up; faults with <see cref="ClusterException"/> when a seed refuses its join.</summary>
    public Task WhenUp => _up.Task;

    /// <summary>Completes when this node is no longer a member: it left, was downed or removed, or the cluster was stopped.</summary>
    public Task WhenRemoved => _removed.Task;

    /// <summary>
    /// Starts cluster membership on <paramref name="system"/> and begins joining through the seed nodes.
    /// </summary>
    /// <param name="system">The actor system; <paramref name="remoting"/> must be its transport.</param>
    /// <param name="remoting">The started remote transport; its address and UID identify this member.</param>
    /// <param name="security">The transport's certificate and roster; the roster is required, roles are checked against it.</param>
    /// <param name="settings">Settings from <c>fedactors.cluster</c>.</param>
    /// <exception cref="ClusterException">No roster is configured, this node's certificate is not on it, or a claimed role is not the one the roster admits it with.</exception>
    /// <exception cref="InvalidOperationException">The system already has a cluster.</exception>
    public static Cluster Start(ActorSystem system, Remoting remoting, TransportSecurity security, ClusterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(remoting);
        ArgumentNullException.ThrowIfNull(security);
        ArgumentNullException.ThrowIfNull(settings);
        var log = system.LoggerFactory.CreateLogger("FedActors.Cluster");
        var roster = security.Roster
            ?? throw new ClusterException("fedactors.remote.roster-file must name the federation roster on a cluster node: members' roles are checked against it (create it with `fedactors keys roster add`).");
        if (RosterRoles.Refusal(roster, security.NodeCertificate, settings.Roles) is { } refusal)
        {
            log.LogError("Cluster node {Address} refused to start: {Reason}", remoting.Address, refusal);
            throw new ClusterException($"This node cannot join as [{string.Join(", ", settings.Roles.Select(NodeRoles.ToName))}] (fedactors.cluster.roles): {refusal}. Claim the roster's role, or admit the certificate with that role.");
        }
        var cluster = new Cluster(system, new UniqueAddress(remoting.Address, remoting.Uid), settings.Roles, settings);
        if (!ReferenceEquals(system.GetOrAddExtension(_ => cluster), cluster))
        {
            throw new InvalidOperationException($"Actor system {system.Name} already has a cluster; use Cluster.Get.");
        }
        cluster._daemon = system.SystemActorOf(Props.Create(() => new ClusterDaemon(cluster, remoting, roster, settings, log)), ClusterDaemon.Name);
        log.LogInformation("Cluster node {Address} (UID {Uid}, roles [{Roles}]) started; seed nodes [{Seeds}]",
            remoting.Address, remoting.Uid, string.Join(", ", settings.Roles.Select(NodeRoles.ToName)), string.Join(", ", settings.SeedNodes));
        return cluster;
    }

    /// <summary>The cluster of <paramref name="system"/>.</summary>
    /// <exception cref="InvalidOperationException">No cluster was started on it.</exception>
    public static Cluster Get(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.GetOrAddExtension<Cluster>(s => throw new InvalidOperationException($"Actor system {s.Name} has no cluster; start one with Cluster.Start."));
    }

    /// <summary>
    /// Sends <paramref name="subscriber"/> the <see cref="CurrentClusterState"/>, then every
    /// <see cref="IClusterDomainEvent"/> (MemberJoined, MemberUp, MemberLeft, MemberExited, MemberRemoved,
    /// UnreachableMember, ReachableMember, LeaderChanged) in the order this node observes them.
    /// </summary>
    public void Subscribe(IActorRef subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        Daemon.Tell(new Subscribe(subscriber), null);
    }

    /// <summary>Stops sending events to <paramref name="subscriber"/>.</summary>
    public void Unsubscribe(IActorRef subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        Daemon.Tell(new Unsubscribe(subscriber), null);
    }

    /// <summary>
    /// Leaves gracefully: this node becomes Leaving, the leader moves it to Exiting at once and then Removed.
    /// Completes as soon as this node has seen itself Exiting (the leader has taken note; the node may stop now),
    /// or when it never joined. The daemon stops one gossip interval later (<see cref="WhenRemoved"/>).
    /// </summary>
    public Task LeaveAsync(CancellationToken cancellationToken = default)
    {
        Daemon.Tell(LeaveRequest.Instance, null);
        return Task.WhenAny(_exited.Task, WhenRemoved).Unwrap().WaitAsync(cancellationToken);
    }

    /// <summary>Marks every incarnation at <paramref name="address"/> Down; the leader removes it and every member quarantines it.</summary>
    public void Down(Address address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Daemon.Tell(new DownRequest(address), null);
    }

    /// <summary>Stops membership on this node without leaving (the others will find it unreachable); idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        System.Stop(Daemon);
        await Task.WhenAny(WhenRemoved, System.WhenTerminated).ConfigureAwait(false);
    }

    // Set by Start right after construction, before the instance is returned to anyone.
    private IActorRef Daemon => _daemon ?? throw new InvalidOperationException("The cluster is not started.");

    internal void Published(CurrentClusterState state) => Volatile.Write(ref _state, state);

    internal void SelfUp() => _up.TrySetResult();

    internal void SelfExited() => _exited.TrySetResult();

    internal void JoinRefused(string reason) => _up.TrySetException(new ClusterException($"Join refused: {reason}"));

    internal void Stopped()
    {
        Volatile.Write(ref _state, CurrentClusterState.Empty);
        _up.TrySetException(new ClusterException($"Cluster node {SelfAddress} stopped before it was Up."));
        _removed.TrySetResult();
    }
}
