using FedActors.Actors.Core;

namespace FedActors.Actors.Tests.Core;

public sealed class StashSpec : TestKit.TestKit
{
    private sealed class Gate : ReceiveActor
    {
        public Gate()
        {
            Receive<string>(_ => Become(Open), s => s == "open");
            Receive<string>(_ => Context.Stash.Stash());
        }

        private void Open()
        {
            Context.Stash.UnstashAll();
            Receive<string>(s => Sender.Tell("open " + s));
        }
    }

    private sealed class Twice : ReceiveActor
    {
        public Twice(IActorRef probe) => Receive<string>(_ =>
        {
            Context.Stash.Stash();
            try
            {
                Context.Stash.Stash();
            }
            catch (IllegalActorStateException e)
            {
                probe.Tell(e.Message);
            }
        });
    }

    [Fact]
    public void Unstashed_messages_are_handled_in_their_original_order_before_newer_ones()
    {
        var gate = Sys.ActorOf(Props.Create<Gate>());
        gate.Tell("a", TestActor);
        gate.Tell("b", TestActor);
        gate.Tell("open", TestActor);
        gate.Tell("c", TestActor);
        ExpectMsg("open a");
        ExpectMsg("open b");
        ExpectMsg("open c");
    }

    [Fact]
    public void Stashing_one_message_twice_is_refused()
    {
        Sys.ActorOf(Props.Create(() => new Twice(TestActor))).Tell("x", null);
        Assert.Contains("is stashed already", ExpectMsg<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Stashed_messages_become_dead_letters_when_the_actor_stops()
    {
        var gate = Sys.ActorOf(Props.Create<Gate>());
        gate.Tell("kept", TestActor);
        EventFilter.DeadLetter<string>(s => s == "kept").ExpectOne(() => gate.Tell(PoisonPill.Instance, null));
    }
}
