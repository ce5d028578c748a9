using System.Buffers.Binary;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using FedActors.Actors.Core;
using FedActors.Remote.Protos;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace FedActors.Remote.Tests;

[Collection(RemoteCollection.Name)]
public sealed class TransportFuzzTests(RemoteFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Random_bytes_malformed_and_oversized_frames_close_only_that_connection()
    {
        await using var a = await fixture.StartAsync("a", fixture.Identity("node-a"));
        await using var b = await fixture.StartAsync("b", fixture.Identity("node-b"));
        a.System.ActorOf(Props.Create(() => new Echo()), "echo");
        var echo = b.Resolve(a, "/user/echo");
        await echo.Ask<StringValue>(new StringValue { Value = "before" }, Wait);
        var fuzzer = fixture.Identity("node-fuzz");
        var random = new Random(42);
        var handshake = Framed(new Frame { Handshake = new Handshake { Address = "fedactors://fuzz@127.0.0.1:1", Uid = 9, To = a.Remoting.Address.ToString() } });

        for (var i = 0; i < 4; i++)
        {
            await SendRawAsync(a, RandomBytes(random, random.Next(1, 4096)));
        }
        byte[] oversized = [0x7f, 0xff, 0xff, 0xff, 1, 2, 3];
        await SendOverTlsAsync(a, fuzzer.NodeCertificate, oversized);
        await SendOverTlsAsync(a, fuzzer.NodeCertificate, [.. handshake, .. oversized]);
        await SendOverTlsAsync(a, fuzzer.NodeCertificate, [.. handshake, 0, 0, 0, 5, 0xff, 0xff, 0xff, 0xff, 0xff]);
        for (var i = 0; i < 6; i++)
        {
            var valid = Framed(new Frame { Envelope = new Envelope { Recipient = $"{a.Remoting.Address}/user/echo", SerializerId = 2, Manifest = "x", Payload = ByteString.CopyFrom(RandomBytes(random, 64)) } });
            var mutated = (byte[])valid.Clone();
            for (var flips = 0; flips < 3; flips++)
            {
                mutated[random.Next(mutated.Length)] ^= (byte)random.Next(1, 256);
            }
            await SendOverTlsAsync(a, fuzzer.NodeCertificate, [.. handshake, .. mutated, .. RandomBytes(random, random.Next(0, 256))]);
        }

        var after = await echo.Ask<StringValue>(new StringValue { Value = "after" }, Wait);
        Assert.Equal("after", after.Value);
        Assert.True(a.Log.Contains("Closed connection from") && a.Log.Contains("maximum-frame-size"), string.Join("\n", a.Log.Lines));
    }

    [Fact]
    public async Task Interleaved_truncated_and_garbled_chunk_sequences_close_only_that_connection()
    {
        await using var a = await fixture.StartAsync("a", fixture.Identity("node-a"));
        await using var b = await fixture.StartAsync("b", fixture.Identity("node-b"));
        a.System.ActorOf(Props.Create(() => new Echo()), "echo");
        var echo = b.Resolve(a, "/user/echo");
        await echo.Ask<StringValue>(new StringValue { Value = "before" }, Wait);
        var fuzzer = fixture.Identity("node-fuzz");
        var handshake = Framed(new Frame { Handshake = new Handshake { Address = "fedactors://fuzz@127.0.0.1:1", Uid = 9, To = a.Remoting.Address.ToString() } });
        Envelope Large(int seed) => new()
        {
            Recipient = $"{a.Remoting.Address}/user/echo",
            SerializerId = 4,
            Payload = UnsafeByteOperations.UnsafeWrap(ChunkStreams.RandomBytes(600 * 1024, seed)),
        };
        // The node's maximum-frame-size is 256 KiB (RemoteFixture), so these travel as chunks of that size.
        var first = await WriteFramesAsync(Large(1));
        var second = await WriteFramesAsync(Large(2));
        var random = new Random(3);

        await SendOverTlsAsync(a, fuzzer.NodeCertificate, [.. handshake, .. first[0], .. first[1], .. second[0], .. second[1]]);
        await SendOverTlsAsync(a, fuzzer.NodeCertificate, [.. handshake, .. first[0], .. first[1], .. first[2].AsSpan(0, 1000)]);
        for (var i = 0; i < 4; i++)
        {
            byte[] garbled = [.. first.SelectMany(f => f)];
            garbled[random.Next(0, 64)] ^= (byte)random.Next(1, 256);
            garbled[first[0].Length + random.Next(0, 32)] ^= (byte)random.Next(1, 256);
            await SendOverTlsAsync(a, fuzzer.NodeCertificate, [.. handshake, .. garbled]);
        }

        var after = await echo.Ask<StringValue>(new StringValue { Value = "after" }, Wait);
        Assert.Equal("after", after.Value);
        Assert.True(a.Log.Contains("began before the previous one ended") && a.Log.Contains("stream ended"), string.Join("\n", a.Log.Lines));
    }

    private static async Task<List<byte[]>> WriteFramesAsync(Envelope envelope)
    {
        var stream = new MemoryStream();
        var writer = new Framing.FrameWriter(stream, 256 * 1024);
        await writer.WriteAsync(new Frame { Envelope = envelope }, CancellationToken.None);
        await writer.FlushAsync(CancellationToken.None);
        return ChunkStreams.Split(stream.ToArray());
    }

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Framed(Frame frame)
    {
        var body = frame.ToByteArray();
        var bytes = new byte[4 + body.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, body.Length);
        body.CopyTo(bytes, 4);
        return bytes;
    }

    private static async Task SendRawAsync(Node node, byte[] bytes)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", node.Remoting.Address.Port!.Value);
        var stream = client.GetStream();
        await stream.WriteAsync(bytes);
        client.Client.Shutdown(SocketShutdown.Send);
        await DrainUntilClosedAsync(stream);
    }

    private static async Task SendOverTlsAsync(Node node, X509Certificate2 certificate, byte[] bytes)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", node.Remoting.Address.Port!.Value);
        await using var tls = new SslStream(client.GetStream());
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "127.0.0.1",
            ClientCertificates = [certificate],
            EnabledSslProtocols = SslProtocols.Tls13,
            // The test client plays an attacker holding a valid certificate; it need not check the server.
            RemoteCertificateValidationCallback = (_, _, _, _) => true,
        });
        try
        {
            await tls.WriteAsync(bytes);
            await tls.FlushAsync();
            // A mutation may still parse as frames the node drops; ending our side makes the node close too.
            await tls.ShutdownAsync();
        }
        catch (IOException)
        {
            // The node closed the connection while we were writing: the outcome under test.
        }
        await DrainUntilClosedAsync(tls);
    }

    // The node must close the connection: reads end (0 bytes or a reset) well before the timeout.
    private static async Task DrainUntilClosedAsync(Stream stream)
    {
        using var timeout = new CancellationTokenSource(Wait);
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
