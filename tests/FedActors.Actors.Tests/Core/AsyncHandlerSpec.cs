using FedActors.Actors.Core;

namespace FedActors.Actors.Tests.Core;

public sealed class AsyncHandlerSpec : TestKit.TestKit
{
    private sealed class Slow : ReceiveActor
    {
        public Slow(IActorRef probe, TaskCompletionSource gate)
        {
            ReceiveAsync<string>(async s =>
            {
                probe.Tell("begin " + s);
                await gate.Task;
                probe.Tell("end " + s + " from " + Sender.Path.Name + " as " + Self.Path.Name);
            }, s => s == "slow");
            ReceiveAsync<string>(async _ =>
            {
                await Task.Yield();
                throw new InvalidOperationException("async boom");
            }, s => s == "fail");
            Receive<string>(s => probe.Tell("sync " + s));
        }
    }

    [Fact]
    public void The_next_message_waits_until_the_async_handler_completes_with_Sender_and_Self_intact()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = Sys.ActorOf(Props.Create(() => new Slow(TestActor, gate)), "slow");
        actor.Tell("slow", TestActor);
        actor.Tell("next", TestActor);
        ExpectMsg("begin slow");
        ExpectNoMsg();
        gate.SetResult();
        ExpectMsg("end slow from testActor as slow");
        ExpectMsg("sync next");
    }

    [Fact]
    public void A_failing_async_handler_goes_to_the_supervisor()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Slow(TestActor, new TaskCompletionSource())));
        EventFilter.Exception<InvalidOperationException>("async boom").ExpectOne(() => actor.Tell("fail", null));
        actor.Tell("still alive", null);
        ExpectMsg("sync still alive");
    }
}
