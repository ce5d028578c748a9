using FedActors.Actors.Core;
using FedActors.Actors.Supervision;

namespace FedActors.Actors.Tests.Supervision;

public sealed class BackoffSupervisorSpec : TestKit.TestKit
{
    private sealed class Flaky : ReceiveActor
    {
        public Flaky(IActorRef probe)
        {
            probe.Tell("started");
            Receive<string>(_ => throw new InvalidOperationException("flaky"), s => s == "fail");
            Receive<string>(_ => Context.Stop(Self), s => s == "stop");
            Receive<string>(s => Sender.Tell("echo " + s));
        }
    }

    private IActorRef Backoff(BackoffMode mode) => Sys.ActorOf(BackoffSupervisor.Props(new BackoffOptions(
        Props.Create(() => new Flaky(TestActor)), "flaky", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4), mode: mode,
        resetBackoffAfter: TimeSpan.FromMinutes(10))));

    private void FailAndAwaitRestartCount(IActorRef supervisor, string command, int expected)
    {
        supervisor.Tell(BackoffSupervisor.GetCurrentChild.Instance, TestActor);
        var child = ExpectMsg<BackoffSupervisor.CurrentChild>().Ref!;
        Watch(child);
        supervisor.Tell(command, null);
        ExpectTerminated(child);
        AwaitAssert(() =>
        {
            supervisor.Tell(BackoffSupervisor.GetRestartCount.Instance, TestActor);
            Assert.Equal(expected, ExpectMsg<BackoffSupervisor.RestartCount>().Count);
        });
    }

    [Fact]
    public void Delays_grow_exponentially_up_to_the_maximum()
    {
        var options = new BackoffOptions(Props.Create(() => new Flaky(TestActor)), "x", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
        Assert.Equal([1, 2, 4, 5, 5], Enumerable.Range(0, 5).Select(n => options.Delay(n).TotalSeconds));
    }

    [Fact]
    public void A_failed_child_is_restarted_after_the_backoff()
    {
        var supervisor = Backoff(BackoffMode.OnFailure);
        ExpectMsg("started");
        FailAndAwaitRestartCount(supervisor, "fail", 1);
        supervisor.Tell(BackoffSupervisor.GetCurrentChild.Instance, TestActor);
        Assert.Null(ExpectMsg<BackoffSupervisor.CurrentChild>().Ref);
        Time!.Advance(TimeSpan.FromMilliseconds(999));
        ExpectNoMsg();
        Time.Advance(TimeSpan.FromMilliseconds(1));
        ExpectMsg("started");
        FailAndAwaitRestartCount(supervisor, "fail", 2);
        Time.Advance(TimeSpan.FromMilliseconds(1999));
        ExpectNoMsg();
        Time.Advance(TimeSpan.FromMilliseconds(1));
        ExpectMsg("started");
    }

    [Fact]
    public void Messages_are_forwarded_to_the_child()
    {
        var supervisor = Backoff(BackoffMode.OnFailure);
        ExpectMsg("started");
        supervisor.Tell("hello", TestActor);
        ExpectMsg("echo hello");
    }

    [Fact]
    public void In_OnFailure_mode_a_child_that_stops_itself_stops_the_supervisor()
    {
        var supervisor = Backoff(BackoffMode.OnFailure);
        ExpectMsg("started");
        Watch(supervisor);
        supervisor.Tell("stop", null);
        ExpectTerminated(supervisor);
    }

    [Fact]
    public void In_OnStop_mode_a_stopped_child_is_restarted()
    {
        var supervisor = Backoff(BackoffMode.OnStop);
        ExpectMsg("started");
        FailAndAwaitRestartCount(supervisor, "stop", 1);
        Time!.Advance(TimeSpan.FromSeconds(1));
        ExpectMsg("started");
    }

    [Fact]
    public void Invalid_options_are_refused() =>
        Assert.Throws<ArgumentException>(() => new BackoffOptions(Props.Create(() => new Flaky(TestActor)), "x", TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1)));
}
