using System.Net.Sockets;
using System.Security.Authentication;
using System.Threading.Channels;
using FedActors.Actors.Core;
using FedActors.Remote.Framing;
using FedActors.Remote.Protos;
using Microsoft.Extensions.Logging;

namespace FedActors.Remote.Endpoint;

/// <summary>
/// The outbound half of the link to one remote system (Akka's association): a bounded queue of frames and one
/// writer loop that connects lazily when something is queued, performs the handshake, writes frames in batches,
/// and reconnects with exponential backoff after a failure. Frames for a quarantined incarnation are dropped and counted.
/// Producers that must not drop use <see cref="EnqueueAsync"/>, which waits while the queue holds its capacity in
/// frames or its byte budget in payload bytes; <see cref="TryEnqueue"/> (Tell) applies the frame capacity only.
/// </summary>
internal sealed class Association
{
    private readonly EndpointManager _manager;
    private readonly Channel<Frame> _queue;
    private readonly object _gate = new();
    private readonly long _byteBudget;
    private CancellationTokenSource? _connection;
    private CancellationTokenSource? _backoffWait;
    private bool _peerConnected;
    private TaskCompletionSource? _bytesBelowBudget;
    private long _queuedBytes;
    private bool _stopped;
    private ulong _uid;
    private int _started;

    public Association(EndpointManager manager, Address remote, int capacity, long byteBudget)
    {
        _manager = manager;
        Remote = remote;
        _byteBudget = byteBudget;
        _queue = Channel.CreateBounded<Frame>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    }

    public Address Remote { get; }

    /// <summary>Payload bytes queued and not yet handed to a connection.</summary>
    public long QueuedBytes => Interlocked.Read(ref _queuedBytes);

    public bool TryEnqueue(Frame frame)
    {
        StartWriter();
        var bytes = PayloadBytes(frame);
        Interlocked.Add(ref _queuedBytes, bytes);
        if (_queue.Writer.TryWrite(frame))
        {
            return true;
        }
        Dequeued(bytes);
        return false;
    }

    /// <summary>
    /// Queues <paramref name="frame"/>, first waiting while the queue is at its byte budget, then while it is at its
    /// frame capacity. A frame is admitted while fewer bytes than the budget are queued, so concurrent producers
    /// overshoot the budget by at most one frame each.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; the frame was not queued.</exception>
    /// <exception cref="InvalidOperationException">The transport stopped; the frame was not queued.</exception>
    public async ValueTask EnqueueAsync(Frame frame, CancellationToken cancellationToken)
    {
        StartWriter();
        while (WaitForBytesBelowBudget() is { } below)
        {
            await below.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        var bytes = PayloadBytes(frame);
        Interlocked.Add(ref _queuedBytes, bytes);
        try
        {
            await _queue.Writer.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            Dequeued(bytes);
            if (e is ChannelClosedException)
            {
                throw Stopped(e);
            }
            throw;
        }
    }

    /// <summary>Refuses further frames and releases producers waiting in <see cref="EnqueueAsync"/>; part of the transport's shutdown.</summary>
    public void Stop()
    {
        _queue.Writer.TryComplete();
        lock (_gate)
        {
            _stopped = true;
            _bytesBelowBudget?.TrySetException(Stopped());
            _bytesBelowBudget = null;
        }
    }

    private InvalidOperationException Stopped(Exception? inner = null) =>
        new($"Remoting on {_manager.Address} has stopped; the message to {Remote} was not queued.", inner);

    private static long PayloadBytes(Frame frame) => frame.KindCase == Frame.KindOneofCase.Envelope ? frame.Envelope.Payload.Length : 0;

    private void StartWriter()
    {
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            _ = Task.Run(() => RunAsync(_manager.ShutdownToken));
        }
    }

    // Null when a frame may be queued now; otherwise a task that completes when the queued bytes fall below the budget.
    // The waiter publishes its task and then reads the count, while Dequeued lowers the count and then reads the task
    // (both through full fences), so one of them always sees the other and no wake-up is lost; Dequeued takes the lock
    // only when someone waits.
    private Task? WaitForBytesBelowBudget()
    {
        if (Interlocked.Read(ref _queuedBytes) < _byteBudget)
        {
            return null;
        }
        Task below;
        lock (_gate)
        {
            if (_stopped)
            {
                throw Stopped();
            }
            _bytesBelowBudget ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            below = _bytesBelowBudget.Task;
        }
        if (Interlocked.Read(ref _queuedBytes) < _byteBudget)
        {
            WakeWaiters();
        }
        return below;
    }

    private void Dequeued(long bytes)
    {
        if (bytes != 0 && Interlocked.Add(ref _queuedBytes, -bytes) < _byteBudget && Volatile.Read(ref _bytesBelowBudget) is not null)
        {
            WakeWaiters();
        }
    }

    private void WakeWaiters()
    {
        lock (_gate)
        {
            _bytesBelowBudget?.TrySetResult();
            _bytesBelowBudget = null;
        }
    }

    /// <summary>
    /// The system at <see cref="Remote"/> has just connected to this one, so it is up (possibly as a new incarnation):
    /// a reconnect waiting out its backoff goes now, with the backoff back at its minimum. Without this, a node whose
    /// peer restarted at the same address would answer the new incarnation only after up to <c>reconnect-backoff-max</c>,
    /// long enough for that peer's failure detectors to find it unreachable and quarantine it.
    /// </summary>
    public void PeerConnected()
    {
        lock (_gate)
        {
            _peerConnected = true;
            _backoffWait?.Cancel();
        }
    }

    /// <summary>Closes the current connection if it leads to the quarantined incarnation.</summary>
    public void Quarantined(ulong uid)
    {
        lock (_gate)
        {
            if (_uid == uid)
            {
                _connection?.Cancel();
            }
        }
    }

    private async Task RunAsync(CancellationToken shutdown)
    {
        var backoff = _manager.Settings.ReconnectBackoffMin;
        while (!shutdown.IsCancellationRequested)
        {
            try
            {
                await _queue.Reader.WaitToReadAsync(shutdown).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            try
            {
                using var connection = await _manager.ConnectAsync(Remote, shutdown).ConfigureAwait(false);
                if (_manager.IsQuarantined(connection.Uid))
                {
                    var dropped = 0;
                    while (_queue.Reader.TryRead(out var frame))
                    {
                        Dequeued(PayloadBytes(frame));
                        dropped++;
                    }
                    _manager.CountQuarantineDrops(dropped);
                    _manager.Log.LogWarning("Dropped {Count} messages to {Address}: its incarnation {Uid} is quarantined", dropped, Remote, connection.Uid);
                }
                else
                {
                    backoff = _manager.Settings.ReconnectBackoffMin;
                    await RunConnectionAsync(connection, shutdown).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is IOException or SocketException or AuthenticationException or FrameFormatException or OperationCanceledException or ObjectDisposedException)
            {
                if (shutdown.IsCancellationRequested)
                {
                    return;
                }
                _manager.Log.LogInformation("Association to {Address} closed ({Reason}); reconnecting in {Backoff}", Remote, e.Message, backoff);
            }
            if (await BackOffAsync(backoff, shutdown).ConfigureAwait(false) is not { } woken)
            {
                return;
            }
            backoff = woken ? _manager.Settings.ReconnectBackoffMin : TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _manager.Settings.ReconnectBackoffMax.Ticks));
        }
    }

    // Waits before the next connection attempt: true when the peer connected to this node meanwhile (PeerConnected),
    // false when the backoff ran out, null when the transport stops.
    private async Task<bool?> BackOffAsync(TimeSpan backoff, CancellationToken shutdown)
    {
        CancellationTokenSource wait;
        lock (_gate)
        {
            if (_peerConnected)
            {
                _peerConnected = false;
                return true;
            }
            wait = CancellationTokenSource.CreateLinkedTokenSource(shutdown);
            _backoffWait = wait;
        }
        try
        {
            await Task.Delay(backoff, _manager.System.TimeProvider, wait.Token).ConfigureAwait(false);
            return false;
        }
        catch (OperationCanceledException)
        {
            return shutdown.IsCancellationRequested ? null : true;
        }
        finally
        {
            lock (_gate)
            {
                _backoffWait = null;
                _peerConnected = false;
                wait.Dispose();
            }
        }
    }

    private async Task RunConnectionAsync(Connection connection, CancellationToken shutdown)
    {
        var link = CancellationTokenSource.CreateLinkedTokenSource(shutdown);
        lock (_gate)
        {
            _uid = connection.Uid;
            _connection = link;
            _peerConnected = false;
        }
        _manager.Log.LogInformation("Associated with {Address} (incarnation {Uid})", Remote, connection.Uid);
        var closed = WatchForCloseAsync(connection, link);
        try
        {
            var reader = _queue.Reader;
            var writer = connection.Writer;
            while (await reader.WaitToReadAsync(link.Token).ConfigureAwait(false))
            {
                while (reader.TryRead(out var frame))
                {
                    // Counted out before the write: a frame being written is the connection's, not the queue's.
                    Dequeued(PayloadBytes(frame));
                    await writer.WriteAsync(frame, link.Token).ConfigureAwait(false);
                }
                await writer.FlushAsync(link.Token).ConfigureAwait(false);
            }
        }
        finally
        {
            connection.Dispose();
            await closed.ConfigureAwait(false);
            lock (_gate)
            {
                _connection = null;
                link.Dispose();
            }
        }
    }

    // The peer sends nothing after its handshake reply, so a read that ends means the connection is gone;
    // cancelling the writer then makes the loop reconnect instead of waiting for a failed write.
    private async Task WatchForCloseAsync(Connection connection, CancellationTokenSource link)
    {
        try
        {
            if (await connection.Reader.ReadAsync(link.Token).ConfigureAwait(false) is { } frame)
            {
                _manager.Log.LogWarning("Closing connection to {Address}: unexpected {Kind} frame after the handshake", Remote, frame.KindCase);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or FrameFormatException or OperationCanceledException or ObjectDisposedException)
        {
            _manager.Log.LogDebug("Connection to {Address} ended: {Reason}", Remote, e.Message);
        }
        finally
        {
            lock (_gate)
            {
                if (_connection == link)
                {
                    link.Cancel();
                }
            }
        }
    }
}
