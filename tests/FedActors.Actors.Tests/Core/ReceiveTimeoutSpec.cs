using FedActors.Actors.Core;

namespace FedActors.Actors.Tests.Core;

public sealed class ReceiveTimeoutSpec : TestKit.TestKit
{
    private sealed record Quiet : INotInfluenceReceiveTimeout;

    private sealed class Sleepy : ReceiveActor
    {
        public Sleepy(IActorRef probe)
        {
            Context.SetReceiveTimeout(TimeSpan.FromSeconds(1));
            Receive<ReceiveTimeout>(_ => probe.Tell("timeout"));
            Receive<Quiet>(_ => probe.Tell("quiet"));
            Receive<string>(_ =>
            {
                Context.SetReceiveTimeout(null);
                probe.Tell("off");
            }, s => s == "off");
            Receive<string>(s => probe.Tell("got " + s));
        }
    }

    private IActorRef StartSleepy()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Sleepy(TestActor)));
        actor.Tell("ready", null);
        ExpectMsg("got ready");
        return actor;
    }

    [Fact]
    public void An_idle_actor_receives_ReceiveTimeout_after_the_timeout()
    {
        StartSleepy();
        Time!.Advance(TimeSpan.FromMilliseconds(999));
        ExpectNoMsg();
        Time.Advance(TimeSpan.FromMilliseconds(1));
        ExpectMsg("timeout");
    }

    [Fact]
    public void A_message_restarts_the_timeout()
    {
        var actor = StartSleepy();
        Time!.Advance(TimeSpan.FromMilliseconds(600));
        actor.Tell("x", null);
        ExpectMsg("got x");
        Time.Advance(TimeSpan.FromMilliseconds(600));
        ExpectNoMsg();
        Time.Advance(TimeSpan.FromMilliseconds(400));
        ExpectMsg("timeout");
    }

    [Fact]
    public void A_NotInfluenceReceiveTimeout_message_does_not_restart_it()
    {
        var actor = StartSleepy();
        Time!.Advance(TimeSpan.FromMilliseconds(600));
        actor.Tell(new Quiet(), null);
        ExpectMsg("quiet");
        Time.Advance(TimeSpan.FromMilliseconds(400));
        ExpectMsg("timeout");
    }

    [Fact]
    public void The_timeout_can_be_turned_off()
    {
        var actor = StartSleepy();
        actor.Tell("off", null);
        ExpectMsg("off");
        Time!.Advance(TimeSpan.FromSeconds(5));
        ExpectNoMsg();
    }
}
