using FedActors.Actors.Core;
using FedActors.Actors.Event;
using FedActors.TestKit;

namespace FedActors.Actors.Tests.Core;

public sealed class ActorCellSpec : TestKit.TestKit
{
    private sealed class Echo : ReceiveActor
    {
        public Echo()
        {
            Receive<string>(s => Sender.Tell(s));
            Receive<int>(i => Sender.Tell(i + 1));
        }
    }

    private sealed class Lifecycle : ReceiveActor
    {
        private readonly IActorRef _probe;

        public Lifecycle(IActorRef probe)
        {
            _probe = probe;
            Receive<string>(s => _probe.Tell("got " + s));
        }

        protected override void PreStart() => _probe.Tell("prestart");

        protected override void PostStop() => _probe.Tell("poststop");
    }

    private sealed class Parent : ReceiveActor
    {
        public Parent()
        {
            Receive<string>(name => Sender.Tell(Context.ActorOf(Props.Create<Echo>(), name)));
            Receive<int>(_ => Sender.Tell(Context.Children.Count));
        }
    }

    private sealed class Switcher : ReceiveActor
    {
        public Switcher()
        {
            Receive<string>(_ => Become(Swapped), s => s == "swap");
            Receive<string>(s => Sender.Tell("normal " + s));
        }

        private void Swapped()
        {
            Receive<string>(_ => Context.Unbecome(), s => s == "back");
            Receive<string>(s => Sender.Tell("swapped " + s));
        }
    }

    [Fact]
    public void Tell_delivers_messages_in_order_with_the_sender()
    {
        var echo = Sys.ActorOf(Props.Create<Echo>(), "echo");
        for (var i = 0; i < 100; i++)
        {
            echo.Tell(i, TestActor);
        }
        var received = ReceiveN(100);
        Assert.Equal(Enumerable.Range(1, 100).Cast<object>(), received);
        Assert.Equal(echo, LastSender);
    }

    [Fact]
    public void Lifecycle_hooks_run_around_messages()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Lifecycle(TestActor)));
        actor.Tell("a", null);
        ExpectMsg("prestart");
        ExpectMsg("got a");
        Sys.Stop(actor);
        ExpectMsg("poststop");
    }

    [Fact]
    public void Children_are_named_listed_and_resolvable_by_path()
    {
        var parent = Sys.ActorOf(Props.Create<Parent>(), "parent");
        parent.Tell("kid", TestActor);
        var kid = ExpectMsg<IActorRef>();
        Assert.Equal("fedactors://test/user/parent/kid", kid.Path.ToString());
        Assert.Equal(kid, Sys.ResolveActorRef("fedactors://test/user/parent/kid"));
        parent.Tell(0, TestActor);
        ExpectMsg(1);
    }

    [Fact]
    public void A_duplicate_child_name_is_refused()
    {
        Sys.ActorOf(Props.Create<Echo>(), "same");
        var e = Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create<Echo>(), "same"));
        Assert.Contains("'same' is not unique", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("$reserved")]
    [InlineData("has space")]
    [InlineData("a/b")]
    public void Invalid_actor_names_are_refused(string name) =>
        Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create<Echo>(), name));

    [Fact]
    public void An_unknown_path_resolves_to_a_reference_whose_messages_become_dead_letters()
    {
        var nobody = Sys.ResolveActorRef("fedactors://test/user/nobody");
        Assert.Equal("/user/nobody", nobody.Path.ToStringWithoutAddress());
        EventFilter.DeadLetter<string>(s => s == "hello").ExpectOne(() => nobody.Tell("hello", TestActor));
    }

    [Fact]
    public void Become_and_Unbecome_switch_handlers()
    {
        var actor = Sys.ActorOf(Props.Create<Switcher>());
        actor.Tell("x", TestActor);
        ExpectMsg("normal x");
        actor.Tell("swap", TestActor);
        actor.Tell("y", TestActor);
        ExpectMsg("swapped y");
        actor.Tell("back", TestActor);
        actor.Tell("z", TestActor);
        ExpectMsg("normal z");
    }

    [Fact]
    public void Identify_answers_with_the_actor()
    {
        var echo = Sys.ActorOf(Props.Create<Echo>());
        echo.Tell(new Identify(42), TestActor);
        var identity = ExpectMsg<ActorIdentity>();
        Assert.Equal(42, identity.MessageId);
        Assert.Equal(echo, identity.Subject);
    }

    [Fact]
    public void PoisonPill_stops_the_actor_after_earlier_messages()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Lifecycle(TestActor)));
        ExpectMsg("prestart");
        actor.Tell("first", null);
        actor.Tell(PoisonPill.Instance, null);
        actor.Tell("after", null);
        ExpectMsg("got first");
        ExpectMsg("poststop");
        ExpectNoMsg();
    }

    [Fact]
    public void Unhandled_messages_are_published()
    {
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe<UnhandledMessage>(probe.Ref);
        var echo = Sys.ActorOf(Props.Create<Echo>());
        echo.Tell(3.5, null);
        var unhandled = probe.ExpectMsg<UnhandledMessage>();
        Assert.Equal(3.5, unhandled.Message);
        Assert.Equal(echo, unhandled.Recipient);
    }

    [Fact]
    public void Constructing_an_actor_with_new_is_refused() =>
        Assert.Throws<ActorInitializationException>(() => new Echo());
}
