using BenchmarkDotNet.Attributes;
using FedActors.Actors.Core;

namespace FedActors.Benchmarks.Actors;

/// <summary>
/// Actor runtime figures: ping-pong throughput (Akka.NET's PingPong shape: each pair keeps up to 1,000
/// messages in flight), spawn and stop of 100,000 actors with bytes per idle actor, and Ask round trip.
/// </summary>
[MemoryDiagnoser]
public class ActorBenchmarks
{
    private const int MessagesPerPair = 200_000;
    private const int InFlight = 1_000;
    private const int SpawnCount = 100_000;

    private ActorSystem _system = null!;
    private IActorRef _echo = null!;

    /// <summary>Ping-pong pairs: 1, and 2 · cores (4 on the 2-core benchmark machine).</summary>
    [Params(1, 4)]
    public int Pairs { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _system = ActorSystem.Create("bench");
        _echo = _system.ActorOf(Props.Create<Echo>());
    }

    [GlobalCleanup]
    public void Cleanup() => _system.Terminate().Wait();

    /// <summary>Messages handled per operation: 2 · <see cref="MessagesPerPair"/> · <see cref="Pairs"/>.</summary>
    [Benchmark(OperationsPerInvoke = 2 * MessagesPerPair)]
    public void PingPong()
    {
        var done = new CountdownEvent(Pairs);
        var pairs = new List<IActorRef>();
        for (var i = 0; i < Pairs; i++)
        {
            var pong = _system.ActorOf(Props.Create<Echo>());
            pairs.Add(_system.ActorOf(Props.Create(() => new Ping(pong, MessagesPerPair / Pairs, done))));
            pairs.Add(pong);
        }
        for (var i = 0; i < pairs.Count; i += 2)
        {
            pairs[i].Tell(Run.Instance, null);
        }
        done.Wait();
        foreach (var actor in pairs)
        {
            _system.Stop(actor);
        }
    }

    /// <summary>Spawns <see cref="SpawnCount"/> children under one parent, waits until the last one runs, stops the parent and waits until all have stopped.</summary>
    [Benchmark(OperationsPerInvoke = SpawnCount)]
    public void SpawnAndStop()
    {
        var parent = SpawnIdleChildren();
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _system.ActorOf(Props.Create(() => new StopWatcher(parent, stopped)));
        stopped.Task.GetAwaiter().GetResult();
    }

    private IActorRef SpawnIdleChildren()
    {
        using var started = new CountdownEvent(SpawnCount);
        var parent = _system.ActorOf(Props.Create<Spawner>());
        parent.Tell(new Spawn(SpawnCount, started), null);
        started.Wait();
        return parent;
    }

    /// <summary>Prints the GC heap growth per spawned idle actor (children of one parent, all created and idle).</summary>
    [GlobalSetup(Target = nameof(SpawnAndStop))]
    public void MeasureIdleActorBytes()
    {
        Setup();
        SpawnAndStop();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var parent = SpawnIdleChildren();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"// bytes per idle actor (GC heap delta / {SpawnCount}): {(after - before) / SpawnCount}");
        _system.Stop(parent);
    }

    [Benchmark]
    public Task<object> AskRoundTrip() => _echo.Ask(1);

    private sealed class Run
    {
        public static Run Instance { get; } = new();
    }

    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m, Self));
    }

    private sealed class Idle : ReceiveActor
    {
        public Idle(CountdownEvent started)
        {
            Receive<string>(_ => { });
            started.Signal();
        }
    }

    private sealed record Spawn(int Count, CountdownEvent Started);

    private sealed class Spawner : ReceiveActor
    {
        public Spawner() => Receive<Spawn>(spawn =>
        {
            for (var i = 0; i < spawn.Count; i++)
            {
                Context.ActorOf(Props.Create(() => new Idle(spawn.Started)));
            }
        });
    }

    private sealed class StopWatcher : ReceiveActor
    {
        public StopWatcher(IActorRef target, TaskCompletionSource stopped)
        {
            Context.Watch(target);
            Context.Stop(target);
            Receive<Terminated>(_ =>
            {
                stopped.SetResult();
                Context.Stop(Self);
            });
        }
    }

    private sealed class Ping : ReceiveActor
    {
        public Ping(IActorRef pong, int repeat, CountdownEvent done)
        {
            var sent = 0;
            var received = 0;
            var message = new object();
            Receive<Run>(_ =>
            {
                for (var i = 0; i < Math.Min(InFlight, repeat); i++)
                {
                    pong.Tell(message, Self);
                    sent++;
                }
            });
            ReceiveAny(m =>
            {
                received++;
                if (sent < repeat)
                {
                    pong.Tell(m, Self);
                    sent++;
                }
                else if (received == repeat)
                {
                    done.Signal();
                }
            });
        }
    }
}
