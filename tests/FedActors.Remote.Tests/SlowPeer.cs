using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using FedActors.Actors.Core;
using FedActors.Remote.Framing;
using FedActors.Remote.Protos;
using FedActors.Remote.Transport;
using Microsoft.Extensions.Logging.Abstractions;

namespace FedActors.Remote.Tests;

/// <summary>
/// A node that accepts one association, answers its handshake, and then reads nothing until <see cref="Resume"/>:
/// a receiver slow enough to fill the TCP buffers and the sender's queue. Its socket receive buffer is small so
/// that the bytes in flight are bounded by the sender's send buffer.
/// </summary>
internal sealed class SlowPeer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly TaskCompletionSource _resume = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TransportSecurity _security;
    private TcpClient? _client;
    private SslStream? _stream;
    private FrameReader? _reader;

    public SlowPeer(TransportSecurity security)
    {
        _security = security;
        _listener.Server.ReceiveBufferSize = 64 * 1024;
        _listener.Start();
        Address = new Address(Address.DefaultProtocol, "slow", "127.0.0.1", ((IPEndPoint)_listener.LocalEndpoint).Port);
    }

    public Address Address { get; }

    /// <summary>Accepts the association and answers its handshake; then the peer stops reading.</summary>
    public async Task AcceptAsync()
    {
        _client = await _listener.AcceptTcpClientAsync();
        _stream = new SslStream(_client.GetStream());
        await _stream.AuthenticateAsServerAsync(_security.ServerOptions(NullLogger.Instance), CancellationToken.None);
        _reader = new FrameReader(_stream, 1024 * 1024, 1024 * 1024 * 1024, id => id == 4);
        var handshake = await _reader.ReadAsync(CancellationToken.None);
        Assert.NotNull(handshake?.Handshake);
        var writer = new FrameWriter(_stream, 1024 * 1024);
        await writer.WriteAsync(new Frame { Handshake = new Handshake { Address = Address.ToString(), Uid = 77 } }, CancellationToken.None);
        await writer.FlushAsync(CancellationToken.None);
    }

    public void Resume() => _resume.TrySetResult();

    /// <summary>After <see cref="Resume"/>, reads <paramref name="count"/> envelopes and returns their byte[] payloads in arrival order.</summary>
    public async Task<List<byte[]>> ReceiveAsync(int count)
    {
        await _resume.Task;
        var payloads = new List<byte[]>();
        while (payloads.Count < count && await _reader!.ReadAsync(CancellationToken.None) is { } frame)
        {
            if (frame.KindCase == Frame.KindOneofCase.Envelope)
            {
                payloads.Add(frame.Envelope.Payload.ToByteArray());
            }
        }
        return payloads;
    }

    public ValueTask DisposeAsync()
    {
        _stream?.Dispose();
        _client?.Dispose();
        _listener.Dispose();
        return ValueTask.CompletedTask;
    }
}
