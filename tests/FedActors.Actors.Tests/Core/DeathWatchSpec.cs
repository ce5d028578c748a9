using FedActors.Actors.Core;

namespace FedActors.Actors.Tests.Core;

public sealed class DeathWatchSpec : TestKit.TestKit
{
    private sealed class Idle : ReceiveActor
    {
        public Idle() => ReceiveAny(_ => { });
    }

    private sealed class Watcher : ReceiveActor
    {
        public Watcher(IActorRef subject, IActorRef probe)
        {
            Context.Watch(subject);
            Receive<Terminated>(t => probe.Tell(t));
            Receive<string>(_ =>
            {
                Context.Unwatch(subject);
                probe.Tell("unwatched");
            }, s => s == "unwatch");
        }
    }

    private sealed class Careless : ReceiveActor
    {
        public Careless(IActorRef subject) => Context.Watch(subject);
    }

    [Fact]
    public void A_watcher_receives_Terminated_once_when_the_subject_stops()
    {
        var subject = Sys.ActorOf(Props.Create<Idle>());
        Watch(subject);
        Sys.Stop(subject);
        var terminated = ExpectTerminated(subject);
        Assert.True(terminated.ExistenceConfirmed);
        ExpectNoMsg();
    }

    [Fact]
    public void Watching_an_actor_that_is_already_dead_delivers_Terminated()
    {
        var subject = Sys.ActorOf(Props.Create<Idle>());
        Watch(subject);
        Sys.Stop(subject);
        ExpectTerminated(subject);
        var late = CreateTestProbe();
        late.Watch(subject);
        late.ExpectTerminated(subject);
    }

    [Fact]
    public void Watching_an_unknown_path_delivers_Terminated_without_confirmed_existence()
    {
        var ghost = Sys.ResolveActorRef("fedactors://test/user/ghost");
        Watch(ghost);
        Assert.False(ExpectTerminated(ghost).ExistenceConfirmed);
    }

    [Fact]
    public void An_actor_watching_another_gets_Terminated_as_a_message()
    {
        var subject = Sys.ActorOf(Props.Create<Idle>());
        Sys.ActorOf(Props.Create(() => new Watcher(subject, TestActor)));
        subject.Tell(PoisonPill.Instance, null);
        Assert.Equal(subject, ExpectMsg<Terminated>().ActorRef);
    }

    [Fact]
    public void After_Unwatch_no_Terminated_arrives()
    {
        var subject = Sys.ActorOf(Props.Create<Idle>());
        var watcher = Sys.ActorOf(Props.Create(() => new Watcher(subject, TestActor)));
        watcher.Tell("unwatch", null);
        ExpectMsg("unwatched");
        Sys.Stop(subject);
        ExpectNoMsg();
    }

    [Fact]
    public void An_unhandled_Terminated_stops_the_watcher_with_a_DeathPactException()
    {
        var subject = Sys.ActorOf(Props.Create<Idle>());
        var careless = Sys.ActorOf(Props.Create(() => new Careless(subject)));
        Watch(careless);
        EventFilter.Exception<DeathPactException>().ExpectOne(() => Sys.Stop(subject));
        ExpectTerminated(careless);
    }

    [Fact]
    public void Stopping_a_parent_stops_its_children_first()
    {
        var parent = Sys.ActorOf(Props.Create(() => new Parent(TestActor)), "p");
        var child = ExpectMsg<IActorRef>();
        Watch(child);
        Watch(parent);
        Sys.Stop(parent);
        ExpectTerminated(child);
        ExpectTerminated(parent);
    }

    private sealed class Parent : ReceiveActor
    {
        public Parent(IActorRef probe) => probe.Tell(Context.ActorOf(Props.Create<Idle>(), "c"));
    }
}
