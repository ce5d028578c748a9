using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FedActors.Actors.Core;
using FedActors.Actors.Event;
using FedActors.Actors.Serialization;
using FedActors.Remote.Framing;
using FedActors.Remote.Protos;
using FedActors.Remote.Settings;
using FedActors.Remote.Transport;
using FedActors.Remote.Watch;
using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace FedActors.Remote.Endpoint;

/// <summary>
/// The transport's core after Akka's EndpointManager: the TLS listener and its inbound connections, one
/// <see cref="Association"/> per remote address, the UIDs seen per address and the quarantined ones, the
/// remote watcher, and the dispatch of inbound frames to local actors.
/// </summary>
internal sealed class EndpointManager : IAsyncDisposable
{
    private const int ResolveCacheLimit = 4096;
    private readonly TcpListener _listener;
    private readonly TransportSecurity _security;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly ConcurrentDictionary<Address, Association> _associations = new();
    private readonly ConcurrentDictionary<Address, ulong> _uids = new();
    private readonly ConcurrentDictionary<ulong, byte> _quarantined = new();
    private readonly ConcurrentDictionary<TcpClient, byte> _inbound = new();
    private readonly ConcurrentDictionary<Address, X509Certificate2> _peerCertificates = new();
    private readonly ConditionalWeakTable<ActorPath, string> _globalPaths = [];
    private Task _acceptLoop = Task.CompletedTask;
    private long _quarantineDrops;
    private long _overflowDrops;
    private int _disposed;

    private EndpointManager(ActorSystem system, RemoteSettings settings, TransportSecurity security, TcpListener listener)
    {
        System = system;
        Settings = settings;
        _security = security;
        _listener = listener;
        Log = system.LoggerFactory.CreateLogger("FedActors.Remote");
        Address = new Address(Address.DefaultProtocol, system.Name, settings.PublicHostname, ((IPEndPoint)listener.LocalEndpoint).Port);
        Span<byte> uid = stackalloc byte[8];
        do
        {
            RandomNumberGenerator.Fill(uid);
        }
        while (BitConverter.ToUInt64(uid) == 0);
        Uid = BitConverter.ToUInt64(uid);
        Watcher = new RemoteWatcher(this, settings.HeartbeatInterval, settings.AcceptableHeartbeatPause);
    }

    public ActorSystem System { get; }

    public RemoteSettings Settings { get; }

    public ILogger Log { get; }

    public Address Address { get; }

    public ulong Uid { get; }

    public RemoteWatcher Watcher { get; }

    public CancellationToken ShutdownToken => _shutdown.Token;

    public long QuarantineDrops => Interlocked.Read(ref _quarantineDrops);

    public long OverflowDrops => Interlocked.Read(ref _overflowDrops);

    public static async Task<EndpointManager> StartAsync(ActorSystem system, RemoteSettings settings, TransportSecurity security)
    {
        var ip = IPAddress.TryParse(settings.Hostname, out var parsed)
            ? parsed
            : (await Dns.GetHostAddressesAsync(settings.Hostname).ConfigureAwait(false))[0];
        var listener = new TcpListener(ip, settings.Port);
        try
        {
            listener.Start(512);
        }
        catch (SocketException e)
        {
            listener.Dispose();
            throw new IOException($"Cannot listen on {settings.Hostname}:{settings.Port} (fedactors.remote.hostname, fedactors.remote.port): {e.Message}", e);
        }
        var manager = new EndpointManager(system, settings, security, listener);
        system.InstallRemoteProvider(new RemoteActorRefProvider(system.LocalProvider, manager));
        manager._acceptLoop = Task.Run(manager.AcceptLoopAsync);
        manager.Log.LogInformation("Remoting listens on {Address} (UID {Uid})", manager.Address, manager.Uid);
        return manager;
    }

    public bool IsQuarantined(ulong uid) => _quarantined.ContainsKey(uid);

    /// <summary>The certificate the last authenticated inbound connection from <paramref name="address"/> presented, or null.</summary>
    public X509Certificate2? PeerCertificate(Address address) => _peerCertificates.TryGetValue(address, out var certificate) ? certificate : null;

    public void CountQuarantineDrops(int count) => Interlocked.Add(ref _quarantineDrops, count);

    /// <summary>The path of <paramref name="actor"/> as other systems reach it (this system's global address for local actors).</summary>
    public string GlobalPathOf(IActorRef actor)
    {
        var path = actor.Path;
        return path.Address.HasGlobalScope
            ? path.ToString()
            : _globalPaths.GetValue(path, p => Address + p.ToStringWithoutAddress());
    }

    public void Send(Address address, Frame frame, object message, IActorRef? sender, IActorRef recipient)
    {
        if (AssociationTo(address).TryEnqueue(frame))
        {
            return;
        }
        Interlocked.Increment(ref _overflowDrops);
        if (Settings.SendQueueOverflow == SendQueueOverflow.Fail)
        {
            throw new SendQueueFullException($"The send queue to {address} is full ({Settings.SendQueueSize} messages, fedactors.remote.send-queue-size); the peer is slow or unreachable.");
        }
        System.PublishDeadLetter(new DeadLetter(message, sender, recipient, $"send queue to {address} is full"));
    }

    /// <summary>Queues a frame for <paramref name="address"/>, waiting while its send queue is full (see <see cref="Association.EnqueueAsync"/>).</summary>
    public ValueTask SendAsync(Address address, Frame frame, CancellationToken cancellationToken) =>
        AssociationTo(address).EnqueueAsync(frame, cancellationToken);

    /// <summary>Payload bytes queued for <paramref name="address"/> and not yet handed to its connection.</summary>
    public long QueuedBytes(Address address) => _associations.TryGetValue(address, out var association) ? association.QueuedBytes : 0;

    public void SendControl(Address address, Frame frame)
    {
        if (!AssociationTo(address).TryEnqueue(frame))
        {
            Interlocked.Increment(ref _overflowDrops);
        }
    }

    public void Quarantine(Address address, ulong uid, string reason)
    {
        if (_quarantined.TryAdd(uid, 0))
        {
            Log.LogWarning("Quarantined {Address} incarnation {Uid}: {Reason}", address, uid, reason);
        }
        if (_associations.TryGetValue(address, out var association))
        {
            association.Quarantined(uid);
        }
    }

    public void QuarantineCurrent(Address address, string reason)
    {
        if (_uids.TryGetValue(address, out var uid))
        {
            Quarantine(address, uid, reason);
        }
    }

    public async Task<Connection> ConnectAsync(Address remote, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Settings.HandshakeTimeout);
        var client = new TcpClient { NoDelay = true };
        SslStream? stream = null;
        try
        {
            await client.ConnectAsync(remote.Host!, remote.Port!.Value, timeout.Token).ConfigureAwait(false);
            stream = new SslStream(client.GetStream(), leaveInnerStreamOpen: false);
            await stream.AuthenticateAsClientAsync(_security.ClientOptions(remote.Host!, Log), timeout.Token).ConfigureAwait(false);
            var writer = new FrameWriter(stream, Settings.MaximumFrameSize);
            var reader = new FrameReader(stream, Settings.MaximumFrameSize, Settings.MaximumMessageSize, PayloadIsMessage);
            await writer.WriteAsync(new Frame { Handshake = new Handshake { Address = Address.ToString(), Uid = Uid, To = remote.ToString() } }, timeout.Token).ConfigureAwait(false);
            await writer.FlushAsync(timeout.Token).ConfigureAwait(false);
            var reply = await reader.ReadAsync(timeout.Token).ConfigureAwait(false);
            if (reply?.Handshake is not { } handshake)
            {
                throw new FrameFormatException($"{remote} answered the handshake with {reply?.KindCase.ToString() ?? "end of stream"}");
            }
            if (handshake.Address != remote.ToString())
            {
                throw new FrameFormatException($"dialled {remote} but the peer is {handshake.Address}; check fedactors.remote.public-hostname on the peer");
            }
            RecordUid(remote, handshake.Uid);
            return new Connection(client, stream, reader, writer, handshake.Uid);
        }
        catch
        {
            stream?.Dispose();
            client.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        await _shutdown.CancelAsync().ConfigureAwait(false);
        foreach (var association in _associations.Values)
        {
            association.Stop();
        }
        Watcher.Dispose();
        _listener.Stop();
        foreach (var client in _inbound.Keys)
        {
            client.Dispose();
        }
        await _acceptLoop.ConfigureAwait(false);
        Log.LogInformation("Remoting on {Address} stopped", Address);
    }

    private Association AssociationTo(Address address) =>
        _associations.TryGetValue(address, out var association)
            ? association
            : _associations.GetOrAdd(address, a => new Association(this, a, Settings.SendQueueSize, Settings.SendQueueBytes));

    private void RecordUid(Address address, ulong uid)
    {
        ulong? previous = null;
        _uids.AddOrUpdate(address, uid, (_, old) =>
        {
            previous = old;
            return uid;
        });
        if (previous is { } old && old != uid)
        {
            Quarantine(address, old, $"it restarted as incarnation {uid}");
            Watcher.NodeTerminated(address, "restarted as a new incarnation");
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_shutdown.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_shutdown.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException && _shutdown.IsCancellationRequested)
            {
                return;
            }
            client.NoDelay = true;
            _inbound.TryAdd(client, 0);
            _ = Task.Run(() => ServeInboundAsync(client));
        }
    }

    private async Task ServeInboundAsync(TcpClient client)
    {
        var endpoint = client.Client.RemoteEndPoint;
        var stream = new SslStream(client.GetStream(), leaveInnerStreamOpen: false);
        try
        {
            var reader = new FrameReader(stream, Settings.MaximumFrameSize, Settings.MaximumMessageSize, PayloadIsMessage);
            Address peer;
            ulong uid;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(_shutdown.Token))
            {
                timeout.CancelAfter(Settings.HandshakeTimeout);
                await stream.AuthenticateAsServerAsync(_security.ServerOptions(Log), timeout.Token).ConfigureAwait(false);
                var first = await reader.ReadAsync(timeout.Token).ConfigureAwait(false);
                if (first?.Handshake is not { } handshake)
                {
                    throw new FrameFormatException($"the first frame must be a handshake, was {first?.KindCase.ToString() ?? "end of stream"}");
                }
                if (!Actors.Core.Address.TryParse(handshake.Address, out peer, out var error) || !peer.HasGlobalScope)
                {
                    throw new FrameFormatException($"handshake address is invalid: {error}");
                }
                if (handshake.To != Address.ToString())
                {
                    throw new FrameFormatException($"handshake is for {handshake.To}, this node is {Address}");
                }
                uid = handshake.Uid;
                if (IsQuarantined(uid))
                {
                    Interlocked.Increment(ref _quarantineDrops);
                    Log.LogWarning("Refused association from {Address}: its incarnation {Uid} is quarantined", peer, uid);
                    return;
                }
                Log.LogInformation("Accepted association from {Address} (incarnation {Uid})", peer, uid);
                RecordUid(peer, uid);
                if (_associations.TryGetValue(peer, out var outbound))
                {
                    outbound.PeerConnected();
                }
                if (stream.RemoteCertificate is { } presented)
                {
                    _peerCertificates[peer] = presented as X509Certificate2 ?? new X509Certificate2(presented);
                }
                var writer = new FrameWriter(stream, Settings.MaximumFrameSize);
                await writer.WriteAsync(new Frame { Handshake = new Handshake { Address = Address.ToString(), Uid = Uid } }, timeout.Token).ConfigureAwait(false);
                await writer.FlushAsync(timeout.Token).ConfigureAwait(false);
            }
            var cache = new Dictionary<string, IActorRef>(StringComparer.Ordinal);
            while (await reader.ReadAsync(_shutdown.Token).ConfigureAwait(false) is { } frame)
            {
                if (IsQuarantined(uid))
                {
                    Interlocked.Increment(ref _quarantineDrops);
                    continue;
                }
                Dispatch(frame, peer, cache);
            }
        }
        catch (FrameFormatException e)
        {
            Log.LogWarning("Closed connection from {Endpoint}: {Reason}", endpoint, e.Message);
        }
        catch (AuthenticationException e)
        {
            Log.LogWarning("Closed connection from {Endpoint}: TLS handshake failed: {Reason}", endpoint, e.Message);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            Log.LogDebug("Connection from {Endpoint} ended: {Reason}", endpoint, e.Message);
        }
        finally
        {
            _inbound.TryRemove(client, out _);
            stream.Dispose();
            client.Dispose();
        }
    }

    private void Dispatch(Frame frame, Address peer, Dictionary<string, IActorRef> cache)
    {
        switch (frame.KindCase)
        {
            case Frame.KindOneofCase.Envelope:
                Deliver(frame.Envelope, cache);
                break;
            case Frame.KindOneofCase.Heartbeat:
                SendControl(peer, new Frame { HeartbeatAck = new HeartbeatAck { Uid = Uid } });
                break;
            case Frame.KindOneofCase.HeartbeatAck:
                Watcher.HeartbeatAcknowledged(peer, frame.HeartbeatAck.Uid);
                break;
            case Frame.KindOneofCase.Watch:
                ResolveLocal(frame.Watch.Watchee).SendSystemMessage(new Actors.Core.Watch(ResolveLocal(frame.Watch.Watchee), ResolveRemote(frame.Watch.Watcher)));
                break;
            case Frame.KindOneofCase.Unwatch:
                ResolveLocal(frame.Unwatch.Watchee).SendSystemMessage(new Unwatch(ResolveLocal(frame.Unwatch.Watchee), ResolveRemote(frame.Unwatch.Watcher)));
                break;
            case Frame.KindOneofCase.Terminated:
                var actor = ResolveRemote(frame.Terminated.Actor);
                var watcher = ResolveLocal(frame.Terminated.Watcher);
                Watcher.RemoveWatch(actor, watcher);
                watcher.SendSystemMessage(new DeathWatchNotification(actor, existenceConfirmed: true));
                break;
            default:
                throw new FrameFormatException($"unexpected {frame.KindCase} frame after the handshake");
        }
    }

    private void Deliver(Envelope envelope, Dictionary<string, IActorRef> cache)
    {
        var recipient = ResolveCached(envelope.Recipient, cache, local: true);
        var sender = envelope.Sender.Length == 0 ? null : ResolveCached(envelope.Sender, cache, local: false);
        object message;
        try
        {
            var serializer = System.Serialization.GetSerializerById(envelope.SerializerId);
            // The payload's array belongs to this envelope alone (see FrameReader), so a byte[] message can be it.
            message = PayloadIsMessage(serializer.Identifier) && MemoryMarshal.TryGetArray(envelope.Payload.Memory, out var array) && array.Offset == 0 && array.Count == array.Array!.Length
                ? array.Array
                : serializer.FromBinary(envelope.Payload.Span, envelope.Manifest);
        }
        catch (Exception e) when (e is SerializationException or InvalidProtocolBufferException)
        {
            Log.LogWarning("Dropped a message for {Recipient} (serializer {SerializerId}, manifest '{Manifest}'): {Reason}",
                envelope.Recipient, envelope.SerializerId, envelope.Manifest, e.Message);
            return;
        }
        recipient.Tell(message, sender);
    }

    // A byte[] message is its payload array, so the frame reader gives such payloads their own array, never a pooled
    // one. Every registry binds id 4 to ByteArraySerializer and refuses another serializer with that id.
    private static bool PayloadIsMessage(int serializerId) => serializerId == ByteArraySerializer.Id;

    private IActorRef ResolveCached(string text, Dictionary<string, IActorRef> cache, bool local)
    {
        if (cache.TryGetValue(text, out var cached) && cached is not IInternalActorRef { IsTerminated: true })
        {
            return cached;
        }
        var resolved = local ? ResolveLocal(text) : ResolveRemote(text);
        if (resolved is DeadLetterActorRef)
        {
            // The actor does not exist yet, e.g. a message queued for a restarted peer's previous incarnation arrives
            // before the new one has created its recipient; cached, that path would stay dead for this connection.
            return resolved;
        }
        if (cache.Count >= ResolveCacheLimit)
        {
            cache.Clear();
        }
        cache[text] = resolved;
        return resolved;
    }

    private IInternalActorRef ResolveLocal(string text)
    {
        var path = Parse(text);
        if (!path.Address.Equals(Address))
        {
            throw new FrameFormatException($"recipient {text} is not an actor of this node ({Address})");
        }
        return (IInternalActorRef)System.Provider.ResolveActorRef(path);
    }

    private IInternalActorRef ResolveRemote(string text)
    {
        var path = Parse(text);
        if (!path.Address.HasGlobalScope || path.Address.Equals(Address))
        {
            throw new FrameFormatException($"{text} is not an actor of a remote node");
        }
        return new RemoteActorRef(this, path);
    }

    private static ActorPath Parse(string text) =>
        ActorPath.TryParse(text, out var path) ? path! : throw new FrameFormatException($"'{text}' is not an actor path");
}
