using System.Buffers.Binary;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Google.Protobuf;

namespace FedActors.Cluster.Tests;

/// <summary>
/// Connections that a node's listener must survive, made from the test process: raw bytes on the TCP port, and bytes
/// after a completed TLS 1.3 handshake with a certificate the node admits (an insider). Each call returns once the node
/// has closed the connection, or fails after <see cref="Eventually.Timeout"/>.
/// </summary>
public static class HostilePeer
{
    /// <summary>Writes <paramref name="bytes"/> to <paramref name="node"/>'s port without TLS and waits for the close.</summary>
    public static async Task SendRawAsync(IPEndPoint node, byte[] bytes)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(node);
        var stream = client.GetStream();
        try
        {
            await stream.WriteAsync(bytes);
            client.Client.Shutdown(SocketShutdown.Send);
        }
        catch (IOException)
        {
            // The node refused the bytes as a TLS handshake and closed while we were writing: the outcome under test.
        }
        await DrainUntilClosedAsync(stream);
    }

    /// <summary>
    /// Completes TLS as <paramref name="certificate"/>'s holder, writes <paramref name="bytes"/> and waits for the node to
    /// close the connection.
    /// </summary>
    public static async Task SendOverTlsAsync(IPEndPoint node, X509Certificate2 certificate, byte[] bytes)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(node);
        await using var tls = await AuthenticateAsync(client, node, certificate);
        try
        {
            await tls.WriteAsync(bytes);
            await tls.FlushAsync();
            await tls.ShutdownAsync();
        }
        catch (IOException)
        {
            // The node closed the connection while we were writing: the outcome under test.
        }
        await DrainUntilClosedAsync(tls);
    }

    /// <summary>
    /// Completes TLS and the association handshake as <paramref name="certificate"/>'s holder and returns the address
    /// the node answered with: the proof that its listener still serves.
    /// </summary>
    public static async Task<string> HandshakeAsync(IPEndPoint node, X509Certificate2 certificate, string from, string to)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(node);
        await using var tls = await AuthenticateAsync(client, node, certificate);
        await tls.WriteAsync(HandshakeFrame(from, to));
        await tls.FlushAsync();
        using var timeout = new CancellationTokenSource(Eventually.Timeout);
        var length = new byte[4];
        await tls.ReadExactlyAsync(length, timeout.Token);
        var body = new byte[BinaryPrimitives.ReadInt32BigEndian(length)];
        await tls.ReadExactlyAsync(body, timeout.Token);
        // Frame { handshake (field 1) = Handshake { address (field 1), uid (field 2) } }
        var frame = new CodedInputStream(body);
        Assert.Equal(WireFormat.MakeTag(1, WireFormat.WireType.LengthDelimited), frame.ReadTag());
        var handshake = new CodedInputStream(frame.ReadBytes().ToByteArray());
        Assert.Equal(WireFormat.MakeTag(1, WireFormat.WireType.LengthDelimited), handshake.ReadTag());
        return handshake.ReadString();
    }

    /// <summary>
    /// The length-prefixed association handshake frame of remote.proto, encoded by hand because the transport's
    /// frame types are internal: a node accepts any other frame only after it.
    /// </summary>
    public static byte[] HandshakeFrame(string from, string to)
    {
        var handshake = new MemoryStream();
        using (var output = new CodedOutputStream(handshake, leaveOpen: true))
        {
            output.WriteTag(1, WireFormat.WireType.LengthDelimited);
            output.WriteString(from);
            output.WriteTag(2, WireFormat.WireType.Varint);
            output.WriteUInt64(9);
            output.WriteTag(3, WireFormat.WireType.LengthDelimited);
            output.WriteString(to);
        }
        var frame = new MemoryStream();
        using (var output = new CodedOutputStream(frame, leaveOpen: true))
        {
            output.WriteTag(1, WireFormat.WireType.LengthDelimited);
            output.WriteBytes(ByteString.CopyFrom(handshake.ToArray()));
        }
        var bytes = new byte[4 + frame.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, (int)frame.Length);
        frame.ToArray().CopyTo(bytes, 4);
        return bytes;
    }

    private static async Task<SslStream> AuthenticateAsync(TcpClient client, IPEndPoint node, X509Certificate2 certificate)
    {
        var tls = new SslStream(client.GetStream());
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = node.Address.ToString(),
            ClientCertificates = [certificate],
            EnabledSslProtocols = SslProtocols.Tls13,
            // The test plays an attacker holding an admitted certificate; it need not check the node's.
            RemoteCertificateValidationCallback = (_, _, _, _) => true,
        });
        return tls;
    }

    // The node must close the connection: reads end (0 bytes or a reset) before the timeout, which fails the test.
    private static async Task DrainUntilClosedAsync(Stream stream)
    {
        using var timeout = new CancellationTokenSource(Eventually.Timeout);
        var buffer = new byte[4096];
        try
        {
            while (await stream.ReadAsync(buffer, timeout.Token) > 0)
            {
            }
        }
        catch (IOException)
        {
        }
    }
}
