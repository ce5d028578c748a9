using FedActors.Actors.Core;
using FedActors.Actors.Supervision;

namespace FedActors.Actors.Tests.Supervision;

public sealed class SupervisorSpec : TestKit.TestKit
{
    private sealed class Worker : ReceiveActor
    {
        private int _state;

        public Worker(IActorRef probe)
        {
            Receive<Exception>(e => throw e);
            Receive<string>(_ => Sender.Tell(_state), s => s == "state");
            Receive<int>(i => _state += i);
            probe.Tell("started");
        }

        protected override void PreRestart(Exception reason, object? message)
        {
            Context.System.EventStream.Publish(new Restarting(reason.Message, message));
            base.PreRestart(reason, message);
        }
    }

    private sealed record Restarting(string Reason, object? FailedMessage);

    private sealed class Supervisor : ReceiveActor
    {
        private readonly SupervisorStrategy _strategy;

        public Supervisor(SupervisorStrategy strategy)
        {
            _strategy = strategy;
            Receive<Props>(p => Sender.Tell(Context.ActorOf(p)));
            Receive<Exception>(e => throw e);
        }

        protected override SupervisorStrategy SupervisorStrategy() => _strategy;
    }

    private IActorRef ChildOf(IActorRef supervisor)
    {
        supervisor.Tell(Props.Create(() => new Worker(TestActor)), TestActor);
        var messages = ReceiveN(2);
        Assert.Contains("started", messages);
        return messages.OfType<IActorRef>().Single();
    }

    private IActorRef Supervise(Func<Exception, Directive> decider, int retries = -1, TimeSpan? window = null) =>
        Sys.ActorOf(Props.Create(() => new Supervisor(new OneForOneStrategy(retries, window, decider))));

    [Fact]
    public void Restart_replaces_the_instance_and_loses_its_state()
    {
        var child = ChildOf(Supervise(_ => Directive.Restart));
        child.Tell(5, null);
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe<Restarting>(probe.Ref);
        var boom = new InvalidOperationException("boom");
        child.Tell(boom, null);
        var restarting = probe.ExpectMsg<Restarting>();
        Assert.Equal("boom", restarting.Reason);
        Assert.Same(boom, restarting.FailedMessage);
        ExpectMsg("started");
        child.Tell("state", TestActor);
        ExpectMsg(0);
    }

    [Fact]
    public void Resume_keeps_the_state()
    {
        var child = ChildOf(Supervise(_ => Directive.Resume));
        child.Tell(5, null);
        child.Tell(new InvalidOperationException("ignored"), null);
        child.Tell("state", TestActor);
        ExpectMsg(5);
    }

    [Fact]
    public void Stop_stops_the_child()
    {
        var child = ChildOf(Supervise(_ => Directive.Stop));
        Watch(child);
        child.Tell(new InvalidOperationException("fatal"), null);
        ExpectTerminated(child);
    }

    [Fact]
    public void Escalate_fails_the_supervisor_which_its_own_supervisor_restarts()
    {
        var supervisor = Supervise(_ => Directive.Escalate);
        var child = ChildOf(supervisor);
        Watch(child);
        child.Tell(new InvalidOperationException("up"), null);
        // The user guardian restarts the supervisor, whose default PreRestart stops the child.
        ExpectTerminated(child);
    }

    [Fact]
    public void A_failure_is_logged_once_by_the_supervisor()
    {
        var child = ChildOf(Supervise(_ => Directive.Restart));
        EventFilter.Exception<InvalidOperationException>("logged once").ExpectOne(() => child.Tell(new InvalidOperationException("logged once"), null));
        ExpectMsg("started");
    }

    [Fact]
    public void More_restarts_than_allowed_within_the_window_stop_the_child()
    {
        var child = ChildOf(Supervise(_ => Directive.Restart, retries: 2, window: TimeSpan.FromMinutes(1)));
        Watch(child);
        child.Tell(new InvalidOperationException("1"), null);
        ExpectMsg("started");
        child.Tell(new InvalidOperationException("2"), null);
        ExpectMsg("started");
        child.Tell(new InvalidOperationException("3"), null);
        ExpectTerminated(child);
    }

    [Fact]
    public void Restarts_outside_the_window_are_counted_afresh()
    {
        var child = ChildOf(Supervise(_ => Directive.Restart, retries: 1, window: TimeSpan.FromMinutes(1)));
        Watch(child);
        child.Tell(new InvalidOperationException("1"), null);
        ExpectMsg("started");
        Time!.Advance(TimeSpan.FromMinutes(2));
        child.Tell(new InvalidOperationException("2"), null);
        ExpectMsg("started");
        child.Tell(new InvalidOperationException("3"), null);
        ExpectTerminated(child);
    }

    [Fact]
    public void AllForOne_restarts_every_child()
    {
        var supervisor = Sys.ActorOf(Props.Create(() => new Supervisor(new AllForOneStrategy(_ => Directive.Restart))));
        var first = ChildOf(supervisor);
        var second = ChildOf(supervisor);
        second.Tell(7, null);
        first.Tell(new InvalidOperationException("one fails"), null);
        ExpectMsg("started");
        ExpectMsg("started");
        second.Tell("state", TestActor);
        ExpectMsg(0);
    }

    [Fact]
    public void OneForOne_restarts_only_the_failed_child()
    {
        var supervisor = Supervise(_ => Directive.Restart);
        var first = ChildOf(supervisor);
        var second = ChildOf(supervisor);
        second.Tell(7, null);
        first.Tell(new InvalidOperationException("one fails"), null);
        ExpectMsg("started");
        second.Tell("state", TestActor);
        ExpectMsg(7);
    }

    [Fact]
    public void A_constructor_failure_stops_the_actor_by_default()
    {
        IActorRef? actor = null;
        EventFilter.Exception<ActorInitializationException>().ExpectOne(() => actor = Sys.ActorOf(Props.Create<FailingConstructor>()));
        Watch(actor!);
        ExpectTerminated(actor!);
    }

    [Fact]
    public void Kill_stops_the_actor_by_default()
    {
        var child = ChildOf(Sys.ActorOf(Props.Create(() => new Supervisor(SupervisorStrategy.DefaultStrategy))));
        Watch(child);
        child.Tell(Kill.Instance, null);
        ExpectTerminated(child);
    }

    [Fact]
    public void Messages_queued_behind_a_failure_survive_a_restart()
    {
        var child = ChildOf(Supervise(_ => Directive.Restart));
        child.Tell(new InvalidOperationException("boom"), null);
        child.Tell(3, null);
        child.Tell("state", TestActor);
        ExpectMsg("started");
        ExpectMsg(3);
    }

    [Fact]
    public void Resuming_an_actor_whose_creation_failed_creates_it_again()
    {
        var attempts = 0;
        var supervisor = Supervise(_ => Directive.Resume);
        supervisor.Tell(Props.Create(() => new FlakyConstructor(++attempts)), TestActor);
        var child = FishForMessage<IActorRef>(_ => true);
        child.Tell("ping", TestActor);
        FishForMessage<string>(s => s == "pong");
        Assert.Equal(2, attempts);
    }

    private sealed class FlakyConstructor : ReceiveActor
    {
        public FlakyConstructor(int attempt)
        {
            if (attempt == 1)
            {
                throw new InvalidOperationException("first attempt fails");
            }
            Receive<string>(_ => Sender.Tell("pong"));
        }
    }

    private sealed class FailingConstructor : ReceiveActor
    {
        public FailingConstructor() => throw new InvalidOperationException("cannot construct");
    }
}
