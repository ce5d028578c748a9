using FedActors.Actors.Core;

namespace FedActors.Actors.Tests.Scheduling;

public sealed class TimerSchedulerSpec : TestKit.TestKit
{
    private sealed class Ticker : ReceiveActor
    {
        public Ticker(IActorRef probe)
        {
            Receive<string>(_ =>
            {
                Context.Timers.StartPeriodicTimer("tick", "tock", TimeSpan.FromSeconds(1));
                probe.Tell("started");
            }, s => s == "start");
            Receive<string>(_ =>
            {
                Context.Timers.Cancel("tick");
                probe.Tell("cancelled " + Context.Timers.IsTimerActive("tick"));
            }, s => s == "cancel");
            Receive<string>(_ =>
            {
                Context.Timers.StartSingleTimer("once", "single", TimeSpan.FromSeconds(1));
                Context.Timers.StartSingleTimer("once", "replaced", TimeSpan.FromSeconds(2));
                probe.Tell("scheduled");
            }, s => s == "once");
            Receive<string>(_ => throw new InvalidOperationException("restart me"), s => s == "crash");
            Receive<string>(s => probe.Tell(s));
        }
    }

    [Fact]
    public void A_periodic_timer_delivers_until_cancelled()
    {
        var ticker = Sys.ActorOf(Props.Create(() => new Ticker(TestActor)));
        ticker.Tell("start", null);
        ExpectMsg("started");
        Time!.Advance(TimeSpan.FromSeconds(2));
        ExpectMsg("tock");
        ExpectMsg("tock");
        ticker.Tell("cancel", null);
        ExpectMsg("cancelled False");
        Time.Advance(TimeSpan.FromSeconds(3));
        ExpectNoMsg();
    }

    [Fact]
    public void Starting_a_timer_with_a_used_key_replaces_it()
    {
        var ticker = Sys.ActorOf(Props.Create(() => new Ticker(TestActor)));
        ticker.Tell("once", null);
        ExpectMsg("scheduled");
        Time!.Advance(TimeSpan.FromSeconds(3));
        ExpectMsg("replaced");
        ExpectNoMsg();
    }

    [Fact]
    public void Timers_are_cancelled_on_restart()
    {
        var ticker = Sys.ActorOf(Props.Create(() => new Ticker(TestActor)));
        ticker.Tell("start", null);
        ExpectMsg("started");
        ticker.Tell("crash", null);
        ticker.Tell("after", null);
        ExpectMsg("after");
        Time!.Advance(TimeSpan.FromSeconds(3));
        ExpectNoMsg();
    }
}
