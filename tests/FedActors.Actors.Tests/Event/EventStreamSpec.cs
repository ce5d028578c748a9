using FedActors.Actors.Core;
using FedActors.Actors.Event;

namespace FedActors.Actors.Tests.Event;

public sealed class EventStreamSpec : TestKit.TestKit
{
    private record Animal(string Name);

    private sealed record Dog(string Name) : Animal(Name);

    [Fact]
    public void Subscribers_receive_events_assignable_to_their_channel()
    {
        var animals = CreateTestProbe();
        var dogs = CreateTestProbe();
        Assert.True(Sys.EventStream.Subscribe<Animal>(animals.Ref));
        Assert.False(Sys.EventStream.Subscribe<Animal>(animals.Ref));
        Sys.EventStream.Subscribe<Dog>(dogs.Ref);
        Sys.EventStream.Publish(new Animal("cat"));
        Sys.EventStream.Publish(new Dog("rex"));
        Assert.Equal([new Animal("cat"), new Dog("rex")], animals.ReceiveN(2));
        dogs.ExpectMsg(new Dog("rex"));
        dogs.ExpectNoMsg();
    }

    [Fact]
    public void Unsubscribed_actors_receive_nothing()
    {
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe<Animal>(probe.Ref);
        Assert.True(Sys.EventStream.Unsubscribe(probe.Ref));
        Sys.EventStream.Publish(new Animal("cat"));
        probe.ExpectNoMsg();
    }

    [Fact]
    public void A_stopped_subscriber_is_removed_instead_of_producing_dead_letters()
    {
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe<Animal>(probe.Ref);
        Watch(probe.Ref);
        Sys.Stop(probe.Ref);
        ExpectTerminated(probe.Ref);
        EventFilter.DeadLetter<Animal>().Expect(0, () => Sys.EventStream.Publish(new Animal("cat")));
        Assert.False(Sys.EventStream.Unsubscribe(probe.Ref));
    }

    [Fact]
    public void Dead_letters_are_counted_and_published_with_a_reason()
    {
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe<DeadLetter>(probe.Ref);
        var before = Sys.DeadLetterCount;
        Sys.DeadLetters.Tell("lost", TestActor);
        var deadLetter = probe.ExpectMsg<DeadLetter>();
        Assert.Equal("lost", deadLetter.Message);
        Assert.Equal(TestActor, deadLetter.Sender);
        Assert.False(string.IsNullOrEmpty(deadLetter.Reason));
        Assert.Equal(before + 1, Sys.DeadLetterCount);
    }

    [Fact]
    public void Dead_letters_are_logged_at_info_level()
    {
        EventFilter.Info("was not delivered").ExpectOne(() => Sys.DeadLetters.Tell("lost", null));
    }
}
