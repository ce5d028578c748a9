using FedActors.Actors.Core;
using FedActors.Actors.Dispatch;

namespace FedActors.Actors.Tests.Dispatch;

public sealed class BoundedMailboxSpec : TestKit.TestKit
{
    private sealed class Blocked : ReceiveActor
    {
        public Blocked(TaskCompletionSource started, ManualResetEventSlim gate, IActorRef probe)
        {
            Receive<string>(s =>
            {
                started.TrySetResult();
                gate.Wait();
                probe.Tell(s);
            });
        }
    }

    private IActorRef BlockedActor(OverflowStrategy strategy, ManualResetEventSlim gate)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = Sys.ActorOf(Props.Create(() => new Blocked(started, gate, TestActor)).WithMailbox(new MailboxSettings(capacity: 2, overflowStrategy: strategy)));
        actor.Tell("busy", null);
        Assert.True(started.Task.Wait(TimeSpan.FromSeconds(5)));
        return actor;
    }

    [Fact]
    public void DropNewest_drops_arrivals_at_a_full_mailbox_counts_them_and_publishes_dead_letters()
    {
        using var gate = new ManualResetEventSlim();
        var actor = BlockedActor(OverflowStrategy.DropNewest, gate);
        actor.Tell("1", null);
        actor.Tell("2", null);
        EventFilter.DeadLetter<string>(s => s == "3").ExpectOne(() => actor.Tell("3", null));
        Assert.Equal(1, Sys.MailboxOverflowCount);
        gate.Set();
        Assert.Equal(["busy", "1", "2"], ReceiveN(3));
        ExpectNoMsg();
    }

    [Fact]
    public void Fail_throws_to_the_sender()
    {
        using var gate = new ManualResetEventSlim();
        var actor = BlockedActor(OverflowStrategy.Fail, gate);
        actor.Tell("1", null);
        actor.Tell("2", null);
        var e = Assert.Throws<MailboxFullException>(() => actor.Tell("3", null));
        Assert.Equal(2, e.Capacity);
        Assert.Equal(actor.Path, e.Recipient);
        gate.Set();
    }

    [Fact]
    public void Invalid_mailbox_settings_name_the_key()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new MailboxSettings(throughput: 0));
        Assert.Contains("fedactors.actor.default-mailbox.throughput must be > 0, was 0", e.Message, StringComparison.Ordinal);
    }
}
