using FedActors.Actors.Core;

namespace FedActors.Actors.Tests.Core;

public sealed class AskSpec : TestKit.TestKit
{
    private sealed class Replier : ReceiveActor
    {
        public Replier()
        {
            Receive<int>(i => Sender.Tell(i * 2));
            Receive<string>(_ => Sender.Tell(new Status.Failure(new InvalidOperationException("refused"))), s => s == "fail");
            Receive<string>(_ => { }, s => s == "ignore");
        }
    }

    [Fact]
    public async Task Ask_completes_with_the_reply()
    {
        var replier = Sys.ActorOf(Props.Create<Replier>());
        Assert.Equal(42, await replier.Ask<int>(21));
    }

    [Fact]
    public async Task Ask_fails_with_the_cause_of_a_Status_Failure()
    {
        var replier = Sys.ActorOf(Props.Create<Replier>());
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => replier.Ask("fail"));
        Assert.Equal("refused", e.Message);
    }

    [Fact]
    public async Task Ask_times_out_on_the_system_clock()
    {
        var replier = Sys.ActorOf(Props.Create<Replier>());
        var ask = replier.Ask("ignore", TimeSpan.FromSeconds(5));
        Time!.Advance(TimeSpan.FromSeconds(4));
        Assert.False(ask.IsCompleted);
        Time.Advance(TimeSpan.FromSeconds(1));
        var e = await Assert.ThrowsAsync<AskTimeoutException>(() => ask);
        Assert.Contains("timed out after 00:00:05", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_of_the_wrong_reply_type_says_what_arrived()
    {
        var replier = Sys.ActorOf(Props.Create<Replier>());
        var e = await Assert.ThrowsAsync<InvalidCastException>(() => replier.Ask<string>(1));
        Assert.Contains("got Int32", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancelled_Ask_is_cancelled()
    {
        var replier = Sys.ActorOf(Props.Create<Replier>());
        using var cts = new CancellationTokenSource();
        var ask = replier.Ask("ignore", cancellationToken: cts.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ask);
    }

    [Fact]
    public void PipeTo_sends_the_result_or_the_failure()
    {
        Task.FromResult(7).PipeTo(TestActor);
        ExpectMsg(7);
        Task.FromException<int>(new InvalidOperationException("no")).PipeTo(TestActor);
        Assert.Equal("no", ExpectMsg<Status.Failure>().Cause.Message);
        Task.CompletedTask.PipeTo(TestActor, success: () => "done");
        ExpectMsg("done");
    }
}
