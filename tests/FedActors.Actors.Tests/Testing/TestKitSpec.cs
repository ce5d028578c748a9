using FedActors.Actors.Core;
using FedActors.TestKit;
using Xunit.Sdk;

namespace FedActors.Actors.Tests.Testing;

public sealed class TestKitSpec : FedActors.TestKit.TestKit
{
    public TestKitSpec()
        : base("fedactors.test { single-expect-default = 5s, timefactor = 1.5 }")
    {
    }

    private sealed class ShortDefaultKit() : FedActors.TestKit.TestKit("fedactors.test.single-expect-default = 50ms");

    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m));
    }

    [Fact]
    public void Settings_come_from_the_fedactors_test_section_and_dilate_waits()
    {
        Assert.Equal(TimeSpan.FromSeconds(5), TestKitSettings.SingleExpectDefault);
        Assert.Equal(TimeSpan.FromSeconds(3), Dilated(TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void ExpectMsg_fails_on_a_wrong_type_and_on_a_timeout()
    {
        TestActor.Tell(1, null);
        Assert.Throws<XunitException>(() => ExpectMsg<string>());
        Assert.Throws<XunitException>(() => ExpectMsg<string>(TimeSpan.FromMilliseconds(20)));
    }

    [Fact]
    public void ExpectNoMsg_fails_when_a_message_arrives()
    {
        TestActor.Tell("surprise", null);
        Assert.Throws<XunitException>(() => ExpectNoMsg(TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public async Task An_explicit_timeout_longer_than_the_default_wait_is_honoured_outside_a_within_block()
    {
        using var kit = new ShortDefaultKit();
        var tell = Task.Delay(TimeSpan.FromMilliseconds(300)).ContinueWith(_ => kit.TestActor.Tell("late", null), TaskScheduler.Default);
        Assert.Equal("late", kit.ExpectMsg<string>(TimeSpan.FromSeconds(30)));
        await tell;
    }

    [Fact]
    public void FishForMessage_skips_until_a_match()
    {
        foreach (var i in Enumerable.Range(1, 5))
        {
            TestActor.Tell(i, null);
        }
        Assert.Equal(4, FishForMessage<int>(i => i > 3));
        ExpectMsg(5);
    }

    [Fact]
    public void Probes_have_their_own_queues_and_reply_to_the_last_sender()
    {
        var probe = CreateTestProbe();
        var echo = Sys.ActorOf(Props.Create<Echo>());
        probe.Send(echo, "ping");
        probe.ExpectMsg("ping");
        Assert.Equal(echo, probe.LastSender);
        ExpectNoMsg();
    }

    [Fact]
    public void Within_fails_a_block_that_takes_too_long_and_caps_waits_inside()
    {
        Assert.Throws<XunitException>(() => Within(TimeSpan.FromMilliseconds(50), () => Thread.Sleep(200)));
        Within(TimeSpan.FromSeconds(2), () => Assert.True(Remaining <= TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public void AwaitAssert_retries_until_the_assertion_holds()
    {
        var calls = 0;
        AwaitAssert(() => Assert.True(++calls >= 3), interval: TimeSpan.FromMilliseconds(1));
        Assert.Equal(3, calls);
    }

    [Fact]
    public void EventFilter_fails_when_the_count_differs()
    {
        Assert.Throws<XunitException>(() => EventFilter.DeadLetter<string>().Expect(1, () => { }, TimeSpan.FromMilliseconds(50)));
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe<FedActors.Actors.Event.DeadLetter>(probe.Ref);
        Assert.Throws<XunitException>(() => EventFilter.DeadLetter<string>().ExpectOne(() =>
        {
            Sys.DeadLetters.Tell("one", null);
            Sys.DeadLetters.Tell("two", null);
            // Publishing queues both events to every subscriber at once, so the filter has both once the probe has.
            probe.ReceiveN(2);
        }));
    }
}
