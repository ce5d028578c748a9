using FedActors.Actors.Core;

namespace FedActors.Actors.Tests.Dispatch;

public sealed class MailboxSpec : TestKit.TestKit
{
    private sealed class Collector : ReceiveActor
    {
        public Collector(int expected, TaskCompletionSource<List<(int Producer, int Seq)>> done)
        {
            var received = new List<(int, int)>(expected);
            Receive<(int Producer, int Seq)>(m =>
            {
                received.Add(m);
                if (received.Count == expected)
                {
                    done.SetResult(received);
                }
            });
        }
    }

    [Fact]
    public async Task Concurrent_senders_lose_nothing_and_each_senders_order_is_kept()
    {
        const int producers = 4;
        const int perProducer = 20_000;
        var done = new TaskCompletionSource<List<(int Producer, int Seq)>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var collector = Sys.ActorOf(Props.Create(() => new Collector(producers * perProducer, done)));
        Parallel.For(0, producers, p =>
        {
            for (var i = 0; i < perProducer; i++)
            {
                collector.Tell((p, i), null);
            }
        });
        var received = await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
        foreach (var group in received.GroupBy(m => m.Producer))
        {
            Assert.Equal(Enumerable.Range(0, perProducer), group.Select(m => m.Seq));
        }
    }
}
