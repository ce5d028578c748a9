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
/// </summary>
internal sealed class Association
{
    private readonly EndpointManager _manager;
    private readonly Channel<Frame> _queue;
    private readonly object _gate = new();
    private CancellationTokenSource? _connection;
    private ulong _uid;
    private int _started;

    public Association(EndpointManager manager, Address remote, int capacity)
    {
        _manager = manager;
        Remote = remote;
        _queue = Channel.CreateBounded<Frame>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    }

    public Address Remote { get; }

    public bool TryEnqueue(Frame frame)
    {
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            _ = Task.Run(() => RunAsync(_manager.ShutdownToken));
        }
        return _queue.Writer.TryWrite(frame);
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
                    while (_queue.Reader.TryRead(out _))
                    {
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
            try
            {
                await Task.Delay(backoff, _manager.System.TimeProvider, shutdown).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _manager.Settings.ReconnectBackoffMax.Ticks));
        }
    }

    private async Task RunConnectionAsync(Connection connection, CancellationToken shutdown)
    {
        var link = CancellationTokenSource.CreateLinkedTokenSource(shutdown);
        lock (_gate)
        {
            _uid = connection.Uid;
            _connection = link;
        }
        var closed = WatchForCloseAsync(connection, link);
        try
        {
            var reader = _queue.Reader;
            var writer = connection.Writer;
            while (await reader.WaitToReadAsync(link.Token).ConfigureAwait(false))
            {
                while (reader.TryRead(out var frame))
                {
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
