using System.Security.Cryptography.X509Certificates;
using FedActors.Actors.Core;
using FedActors.Remote.Endpoint;
using FedActors.Remote.Settings;
using FedActors.Remote.Transport;

namespace FedActors.Remote;

/// <summary>
/// The remote transport of one actor system. Once started, <see cref="ActorSystem.ResolveActorRef(string)"/>
/// answers paths of other systems (<c>fedactors://sys@host:port/user/echo</c>) with references whose messages
/// travel as protobuf envelopes over mutual TLS 1.3; local actors' sender paths carry <see cref="Address"/> so
/// replies find their way back; Watch works across systems (Terminated when the actor stops or its node is
/// unreachable); a peer's old incarnation is quarantined when it restarts. Delivery is at most once, ordered
/// per sender and recipient pair, as in Akka.Remote.
/// </summary>
public sealed class Remoting : IAsyncDisposable
{
    private readonly EndpointManager _manager;

    private Remoting(EndpointManager manager) => _manager = manager;

    /// <summary>This system's address as other systems reach it: <c>fedactors://name@public-hostname:port</c>.</summary>
    public Address Address => _manager.Address;

    /// <summary>This incarnation's unique id, exchanged in the association handshake.</summary>
    public ulong Uid => _manager.Uid;

    /// <summary>Messages dropped because they came from or went to a quarantined incarnation.</summary>
    public long QuarantinedMessageCount => _manager.QuarantineDrops;

    /// <summary>Messages dropped because a send queue was full (<c>send-queue-overflow</c>).</summary>
    public long DroppedMessageCount => _manager.OverflowDrops;

    /// <summary>
    /// Binds the listener, installs the remote reference provider in <paramref name="system"/> and stops the
    /// transport when the system terminates.
    /// </summary>
    /// <param name="system">The actor system; it must not have a transport yet.</param>
    /// <param name="settings">Settings from <c>fedactors.remote</c>.</param>
    /// <param name="security">The node certificate, CA and roster; owned by the caller.</param>
    /// <exception cref="IOException">The listener cannot bind; the message names the host and port keys.</exception>
    /// <exception cref="InvalidOperationException">The system already has a transport.</exception>
    public static async Task<Remoting> StartAsync(ActorSystem system, RemoteSettings settings, TransportSecurity security)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(security);
        var manager = await EndpointManager.StartAsync(system, settings, security).ConfigureAwait(false);
        _ = system.WhenTerminated.ContinueWith(_ => manager.DisposeAsync().AsTask(), TaskScheduler.Default).Unwrap();
        return new Remoting(manager);
    }

    /// <summary>
    /// Payload bytes queued for the system at <paramref name="remote"/> and not yet handed to its connection; the
    /// awaiting send path (<see cref="RemoteSendExtensions.SendAsync"/>) keeps it near <c>send-queue-bytes</c>.
    /// </summary>
    public long QueuedBytes(Address remote)
    {
        ArgumentNullException.ThrowIfNull(remote);
        return _manager.QueuedBytes(remote);
    }

    /// <summary>True when messages from and to incarnation <paramref name="uid"/> are dropped.</summary>
    public bool IsQuarantined(ulong uid) => _manager.IsQuarantined(uid);

    /// <summary>
    /// The certificate presented by the last authenticated inbound connection from <paramref name="address"/>
    /// (chain, EKU and roster already verified), or null when that system has not connected to this one. Messages
    /// from <paramref name="address"/> arrive on such a connection, so the cluster layer checks a joining node's
    /// claimed roles against the roster entry of this certificate.
    /// </summary>
    public X509Certificate2? PeerCertificate(Address address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return _manager.PeerCertificate(address);
    }

    /// <summary>
    /// Quarantines incarnation <paramref name="uid"/> of the system at <paramref name="address"/> for good: its
    /// connections are closed and its messages dropped (counted); a restarted incarnation is accepted again.
    /// </summary>
    public void Quarantine(Address address, ulong uid)
    {
        ArgumentNullException.ThrowIfNull(address);
        _manager.Quarantine(address, uid, "quarantined on request");
    }

    /// <summary>Stops listening and closes every connection; the actor system keeps running locally.</summary>
    public ValueTask DisposeAsync() => _manager.DisposeAsync();
}
