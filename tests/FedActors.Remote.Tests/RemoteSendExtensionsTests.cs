using FedActors.Actors.Core;
using Google.Protobuf.WellKnownTypes;

namespace FedActors.Remote.Tests;

[Collection(RemoteCollection.Name)]
public sealed class RemoteSendExtensionsTests(RemoteFixture fixture)
{
    private const int MessageSize = 256 * 1024;

    // 24 MiB: more than the sender's socket send buffer (tcp_wmem allows at most 4 MiB), the slow peer's 64 KiB
    // receive buffer and the 1 MiB queue bound together, so the producer must wait for the peer.
    private const int Messages = 96;
    private const long QueueBound = 1024 * 1024;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Theory]
    [InlineData("send-queue-bytes = 1MiB")]
    [InlineData("send-queue-size = 4")]
    public async Task SendAsync_to_a_slow_receiver_waits_keeps_the_queue_bounded_and_loses_nothing(string limit)
    {
        await using var a = await fixture.StartAsync("a", fixture.Identity("node-a"), overrides: limit);
        await using var peer = new SlowPeer(fixture.Identity("node-slow"));
        var accepted = peer.AcceptAsync();
        var sink = a.System.ResolveActorRef($"{peer.Address}/user/sink");
        var sent = 0;
        long largestQueue = 0;
        // Payloads are made as they are sent, so the queue is the only place that holds unsent ones.
        var producer = Task.Run(async () =>
        {
            for (var i = 0; i < Messages; i++)
            {
                await sink.SendAsync(ChunkStreams.RandomBytes(MessageSize, i));
                Interlocked.Increment(ref sent);
                InterlockedMax(ref largestQueue, a.Remoting.QueuedBytes(peer.Address));
            }
        });
        await accepted.WaitAsync(Wait);

        await UntilAsync(() => a.Remoting.QueuedBytes(peer.Address) >= QueueBound);
        Assert.False(producer.IsCompleted, $"the producer finished {Volatile.Read(ref sent)} sends while the peer read nothing");

        peer.Resume();
        var received = await peer.ReceiveAsync(Messages).WaitAsync(Wait);
        await producer.WaitAsync(Wait);
        Assert.Equal(Messages, received.Count);
        for (var i = 0; i < Messages; i++)
        {
            Assert.True(ChunkStreams.RandomBytes(MessageSize, i).AsSpan().SequenceEqual(received[i]), $"message {i} differs or is out of order");
        }
        Assert.Equal(0, a.Remoting.DroppedMessageCount);
        Assert.InRange(Interlocked.Read(ref largestQueue), 0, QueueBound + MessageSize);
    }

    [Fact]
    public async Task A_send_cancelled_while_waiting_for_room_is_not_sent()
    {
        await using var a = await fixture.StartAsync("a", fixture.Identity("node-a"), overrides: "send-queue-size = 2");
        await using var peer = new SlowPeer(fixture.Identity("node-slow"));
        var accepted = peer.AcceptAsync();
        var sink = a.System.ResolveActorRef($"{peer.Address}/user/sink");
        var queued = 0;
        var cancelled = false;
        for (; queued < Messages && !cancelled; queued++)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await sink.SendAsync(ChunkStreams.RandomBytes(MessageSize, queued), cancellationToken: timeout.Token);
            }
            catch (OperationCanceledException)
            {
                cancelled = true;
            }
        }
        Assert.True(cancelled, "the queue never filled");
        var cancelledIndex = queued - 1;
        await accepted.WaitAsync(Wait);

        peer.Resume();
        var receiving = peer.ReceiveAsync(cancelledIndex + 1);
        await sink.SendAsync(new byte[] { 42 }).AsTask().WaitAsync(Wait);
        var received = await receiving.WaitAsync(Wait);

        Assert.Equal(new byte[] { 42 }, received[^1]);
        Assert.Equal(cancelledIndex, received.Count - 1);
    }

    [Fact]
    public async Task A_send_waiting_when_the_transport_stops_fails_with_InvalidOperationException()
    {
        await using var a = await fixture.StartAsync("a", fixture.Identity("node-a"), overrides: "send-queue-bytes = 1MiB");
        await using var peer = new SlowPeer(fixture.Identity("node-slow"));
        var accepted = peer.AcceptAsync();
        var sink = a.System.ResolveActorRef($"{peer.Address}/user/sink");
        var producer = Task.Run(async () =>
        {
            for (var i = 0; i < Messages; i++)
            {
                await sink.SendAsync(ChunkStreams.RandomBytes(MessageSize, i));
            }
        });
        await accepted.WaitAsync(Wait);
        await UntilAsync(() => a.Remoting.QueuedBytes(peer.Address) >= QueueBound);

        await a.Remoting.DisposeAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => producer.WaitAsync(Wait));
        Assert.Contains("has stopped", error.Message);
    }

    [Fact]
    public async Task SendAsync_to_a_local_actor_is_a_Tell()
    {
        await using var a = await fixture.StartAsync("a", fixture.Identity("node-a"));
        var received = new TaskCompletionSource<(object Message, IActorRef Sender)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var capture = a.System.ActorOf(Props.Create(() => new Capture(received)));

        await capture.SendAsync(new StringValue { Value = "local" });

        var (message, _) = await received.Task.WaitAsync(Wait);
        Assert.Equal("local", ((StringValue)message).Value);
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Wait);
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    private static void InterlockedMax(ref long target, long value)
    {
        for (var current = Interlocked.Read(ref target); value > current; current = Interlocked.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, current) == current)
            {
                return;
            }
        }
    }
}
