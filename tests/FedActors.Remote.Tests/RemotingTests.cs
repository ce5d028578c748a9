using FedActors.Actors.Core;
using FedActors.Crypto.Identity;
using Google.Protobuf.WellKnownTypes;

namespace FedActors.Remote.Tests;

[Collection(RemoteCollection.Name)]
public sealed class RemotingTests(RemoteFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Ask_across_systems_gets_the_reply_and_the_sender_path_resolves_back()
    {
        await using var a = await fixture.StartAsync("a", fixture.Identity("node-a"));
        await using var b = await fixture.StartAsync("b", fixture.Identity("node-b"));
        a.System.ActorOf(Props.Create(() => new Echo()), "echo");

        var echo = b.System.ResolveActorRef($"fedactors://a@127.0.0.1:{a.Remoting.Address.Port}/user/echo");
        var reply = await echo.Ask<StringValue>(new StringValue { Value = "hello" }, Wait);
        Assert.Equal("hello", reply.Value);

        var received = new TaskCompletionSource<(object Message, IActorRef Sender)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var capture = b.System.ActorOf(Props.Create(() => new Capture(received)), "capture");
        echo.Tell(new StringValue { Value = "tell" }, capture);
        var (message, sender) = await received.Task.WaitAsync(Wait);
        Assert.Equal("tell", ((StringValue)message).Value);
        Assert.Equal($"{a.Remoting.Address}/user/echo", sender.Path.ToString());
    }

    [Fact]
    public async Task A_300_MB_message_crosses_in_chunks_and_arrives_intact()
    {
        await using var a = await fixture.StartAsync("a", fixture.Identity("node-a"));
        await using var b = await fixture.StartAsync("b", fixture.Identity("node-b"));
        var received = new TaskCompletionSource<(object Message, IActorRef Sender)>(TaskCreationOptions.RunContinuationsAsynchronously);
        a.System.ActorOf(Props.Create(() => new Capture(received)), "capture");
        var payload = GC.AllocateUninitializedArray<byte>(300 * 1024 * 1024 + 17);
        new Random(7).NextBytes(payload);

        b.Resolve(a, "/user/capture").Tell(payload, null);

        var (message, _) = await received.Task.WaitAsync(TimeSpan.FromSeconds(90));
        Assert.True(payload.AsSpan().SequenceEqual((byte[])message), "the reassembled payload differs");
    }

    [Fact]
    public async Task A_64_MiB_protobuf_message_round_trips_byte_exact()
    {
        await using var a = await fixture.StartAsync("a", fixture.Identity("node-a"));
        await using var b = await fixture.StartAsync("b", fixture.Identity("node-b"));
        a.System.ActorOf(Props.Create(() => new Echo()), "echo");
        var payload = ChunkStreams.RandomBytes(64 * 1024 * 1024 + 5, 3);

        var reply = await b.Resolve(a, "/user/echo").Ask<BytesValue>(new BytesValue { Value = Google.Protobuf.UnsafeByteOperations.UnsafeWrap(payload) }, TimeSpan.FromSeconds(60));

        Assert.True(payload.AsSpan().SequenceEqual(reply.Value.Span), "the echoed payload differs");
    }

    [Fact]
    public async Task Large_messages_sent_concurrently_to_one_peer_all_arrive_intact()
    {
        await using var a = await fixture.StartAsync("a", fixture.Identity("node-a"));
        await using var b = await fixture.StartAsync("b", fixture.Identity("node-b"));
        var received = new TaskCompletionSource<(object Message, IActorRef Sender)>[4];
        for (var i = 0; i < received.Length; i++)
        {
            received[i] = new(TaskCreationOptions.RunContinuationsAsynchronously);
            var slot = received[i];
            a.System.ActorOf(Props.Create(() => new Capture(slot)), $"capture{i}");
        }
        var payloads = Enumerable.Range(0, received.Length).Select(i => ChunkStreams.RandomBytes(6 * 1024 * 1024 + i, 10 + i)).ToArray();

        await Task.WhenAll(Enumerable.Range(0, received.Length).Select(i => Task.Run(() => b.Resolve(a, $"/user/capture{i}").Tell(payloads[i], null))));

        for (var i = 0; i < received.Length; i++)
        {
            var (message, _) = await received[i].Task.WaitAsync(Wait);
            Assert.True(payloads[i].AsSpan().SequenceEqual((byte[])message), $"payload {i} differs");
        }
    }

    [Fact]
    public async Task A_node_with_a_certificate_from_another_CA_is_refused()
    {
        await using var a = await fixture.StartAsync("a", fixture.Identity("node-a"));
        await using var rogue = await fixture.StartAsync("rogue", fixture.Identity("node-rogue", rogue: true));
        a.System.ActorOf(Props.Create(() => new Echo()), "echo");

        await Assert.ThrowsAsync<AskTimeoutException>(() => rogue.Resolve(a, "/user/echo").Ask<StringValue>(new StringValue { Value = "x" }, TimeSpan.FromSeconds(2)));

        Assert.True(a.Log.Contains("not issued by the federation CA"), string.Join("\n", a.Log.Lines));
    }

    [Fact]
    public async Task A_node_not_on_the_roster_is_refused_and_its_fingerprint_logged()
    {
        var securityA = fixture.Identity("node-a");
        var securityB = fixture.Identity("node-b");
        var outsider = fixture.Identity("node-c");
        var roster = Roster.Empty
            .Add(new RosterEntry("node-a", NodeRole.Coordinator, RemoteFixture.FingerprintOf(securityA)))
            .Add(new RosterEntry("node-b", NodeRole.Client, RemoteFixture.FingerprintOf(securityB)));
        await using var a = await fixture.StartAsync("a", new Transport.TransportSecurity(securityA.NodeCertificate, securityA.CaCertificate, roster));
        await using var b = await fixture.StartAsync("b", new Transport.TransportSecurity(securityB.NodeCertificate, securityB.CaCertificate, roster));
        await using var c = await fixture.StartAsync("c", outsider);
        a.System.ActorOf(Props.Create(() => new Echo()), "echo");

        var reply = await b.Resolve(a, "/user/echo").Ask<StringValue>(new StringValue { Value = "member" }, Wait);
        Assert.Equal("member", reply.Value);
        await Assert.ThrowsAsync<AskTimeoutException>(() => c.Resolve(a, "/user/echo").Ask<StringValue>(new StringValue { Value = "x" }, TimeSpan.FromSeconds(2)));

        var fingerprint = RemoteFixture.FingerprintOf(outsider).ToString();
        Assert.True(a.Log.Contains($"fingerprint {fingerprint}: not on the roster"), string.Join("\n", a.Log.Lines));
    }

    [Fact]
    public async Task Remote_DeathWatch_reports_a_remote_actor_that_stopped()
    {
        await using var a = await fixture.StartAsync("a", fixture.Identity("node-a"));
        await using var b = await fixture.StartAsync("b", fixture.Identity("node-b"));
        var target = a.System.ActorOf(Props.Create(() => new Echo()), "target");
        var remoteTarget = b.Resolve(a, "/user/target");
        await remoteTarget.Ask<StringValue>(new StringValue { Value = "up" }, Wait);
        var terminated = new TaskCompletionSource<Terminated>(TaskCreationOptions.RunContinuationsAsynchronously);
        var watching = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        b.System.ActorOf(Props.Create(() => new Watcher(remoteTarget, terminated, watching)), "watcher");
        await watching.Task.WaitAsync(Wait);
        // The watch frame and this ask share one ordered association, so the reply proves the watch arrived first.
        await remoteTarget.Ask<StringValue>(new StringValue { Value = "after-watch" }, Wait);

        a.System.Stop(target);

        var result = await terminated.Task.WaitAsync(Wait);
        Assert.Equal(remoteTarget.Path, result.ActorRef.Path);
        Assert.True(result.ExistenceConfirmed);
    }

    [Fact]
    public async Task Remote_DeathWatch_reports_the_actors_of_a_node_that_shut_down()
    {
        await using var a = await fixture.StartAsync("a", fixture.Identity("node-a"));
        var c = await fixture.StartAsync("c", fixture.Identity("node-c"));
        c.System.ActorOf(Props.Create(() => new Echo()), "target");
        var remoteTarget = a.Resolve(c, "/user/target");
        await remoteTarget.Ask<StringValue>(new StringValue { Value = "up" }, Wait);
        var terminated = new TaskCompletionSource<Terminated>(TaskCreationOptions.RunContinuationsAsynchronously);
        var watching = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        a.System.ActorOf(Props.Create(() => new Watcher(remoteTarget, terminated, watching)), "watcher");
        await watching.Task.WaitAsync(Wait);
        await remoteTarget.Ask<StringValue>(new StringValue { Value = "after-watch" }, Wait);

        await c.DisposeAsync();

        var result = await terminated.Task.WaitAsync(Wait);
        Assert.Equal(remoteTarget.Path, result.ActorRef.Path);
        Assert.False(result.ExistenceConfirmed);
        Assert.True(a.Remoting.IsQuarantined(c.Remoting.Uid));
    }

    [Fact]
    public async Task A_peer_that_restarts_is_reached_again_and_its_old_incarnation_quarantined()
    {
        await using var a = await fixture.StartAsync("a", fixture.Identity("node-a"));
        var identity = fixture.Identity("node-d");
        var d = await fixture.StartAsync("d", identity);
        var port = d.Remoting.Address.Port!.Value;
        var oldUid = d.Remoting.Uid;
        d.System.ActorOf(Props.Create(() => new Echo()), "echo");
        var echo = a.Resolve(d, "/user/echo");
        await echo.Ask<StringValue>(new StringValue { Value = "first" }, Wait);
        await d.DisposeAsync();

        await using var restarted = await fixture.StartAsync("d", identity, port);
        restarted.System.ActorOf(Props.Create(() => new Echo()), "echo");
        Assert.NotEqual(oldUid, restarted.Remoting.Uid);

        StringValue? reply = null;
        for (var attempt = 0; reply is null && attempt < 20; attempt++)
        {
            try
            {
                reply = await echo.Ask<StringValue>(new StringValue { Value = "again" }, TimeSpan.FromSeconds(1));
            }
            catch (AskTimeoutException)
            {
                // The first messages may go to the closed connection of the old incarnation; at-most-once delivery drops them.
            }
        }
        Assert.Equal("again", reply?.Value);
        Assert.True(a.Remoting.IsQuarantined(oldUid));
    }

    [Fact]
    public async Task A_peer_restarted_at_the_same_address_gets_answers_at_once_although_the_reconnect_backoff_is_long()
    {
        // a's association to d waits five minutes between attempts once d is gone; d's new incarnation connecting to a
        // shows that d is up again, so a's answers go without waiting out that backoff.
        await using var a = await fixture.StartAsync("a", fixture.Identity("node-a"), overrides: "reconnect-backoff-min = 5m\nreconnect-backoff-max = 5m");
        a.System.ActorOf(Props.Create(() => new Echo()), "echo");
        var identity = fixture.Identity("node-d");
        var d = await fixture.StartAsync("d", identity);
        var port = d.Remoting.Address.Port!.Value;
        var oldUid = d.Remoting.Uid;
        d.System.ActorOf(Props.Create(() => new Echo()), "echo");
        await a.Resolve(d, "/user/echo").Ask<StringValue>(new StringValue { Value = "first" }, Wait);
        await d.DisposeAsync();
        await UntilAsync(() => a.Log.Contains($"Association to {d.Remoting.Address} closed"));

        await using var restarted = await fixture.StartAsync("d", identity, port);
        var reply = await restarted.Resolve(a, "/user/echo").Ask<StringValue>(new StringValue { Value = "again" }, Wait);

        Assert.Equal("again", reply.Value);
        Assert.True(a.Remoting.IsQuarantined(oldUid));
        Assert.False(a.Remoting.IsQuarantined(restarted.Remoting.Uid));
    }

    [Fact]
    public async Task An_actor_created_after_a_message_to_its_path_arrived_gets_the_later_messages_on_that_connection()
    {
        // A message can arrive before its recipient exists (one queued for a peer's previous incarnation reaches the
        // restarted one before it has created the actor); it is a dead letter, but later ones must reach the actor.
        await using var a = await fixture.StartAsync("a", fixture.Identity("node-a"));
        await using var b = await fixture.StartAsync("b", fixture.Identity("node-b"));
        a.System.ActorOf(Props.Create(() => new Echo()), "echo");
        var late = b.Resolve(a, "/user/late");
        late.Tell(new StringValue { Value = "early" }, null);
        await b.Resolve(a, "/user/echo").Ask<StringValue>(new StringValue { Value = "after-early" }, Wait);

        var received = new TaskCompletionSource<(object Message, IActorRef Sender)>(TaskCreationOptions.RunContinuationsAsynchronously);
        a.System.ActorOf(Props.Create(() => new Capture(received)), "late");
        late.Tell(new StringValue { Value = "late" }, null);

        var (message, _) = await received.Task.WaitAsync(Wait);
        Assert.Equal("late", ((StringValue)message).Value);
    }

    [Fact]
    public async Task Messages_from_and_to_a_quarantined_incarnation_are_dropped_and_counted()
    {
        await using var a = await fixture.StartAsync("a", fixture.Identity("node-a"));
        await using var b = await fixture.StartAsync("b", fixture.Identity("node-b"));
        a.System.ActorOf(Props.Create(() => new Echo()), "echo");
        b.System.ActorOf(Props.Create(() => new Echo()), "echo");
        await b.Resolve(a, "/user/echo").Ask<StringValue>(new StringValue { Value = "before" }, Wait);

        a.Remoting.Quarantine(b.Remoting.Address, b.Remoting.Uid);

        await Assert.ThrowsAsync<AskTimeoutException>(() => b.Resolve(a, "/user/echo").Ask<StringValue>(new StringValue { Value = "in" }, TimeSpan.FromSeconds(1)));
        await Assert.ThrowsAsync<AskTimeoutException>(() => a.Resolve(b, "/user/echo").Ask<StringValue>(new StringValue { Value = "out" }, TimeSpan.FromSeconds(1)));
        Assert.True(a.Remoting.QuarantinedMessageCount >= 2, $"counted {a.Remoting.QuarantinedMessageCount}");
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Wait);
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
