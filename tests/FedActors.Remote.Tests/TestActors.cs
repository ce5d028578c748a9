using FedActors.Actors.Core;

namespace FedActors.Remote.Tests;

/// <summary>Replies with every message it receives.</summary>
public sealed class Echo : ReceiveActor
{
    public Echo() => ReceiveAny(m => Sender.Tell(m, Self));
}

/// <summary>Completes a task with the first message it receives.</summary>
public sealed class Capture : ReceiveActor
{
    public Capture(TaskCompletionSource<(object Message, IActorRef Sender)> received) =>
        ReceiveAny(m => received.TrySetResult((m, Sender)));
}

/// <summary>Watches one actor and completes a task with its Terminated.</summary>
public sealed class Watcher : ReceiveActor
{
    private readonly IActorRef _target;
    private readonly TaskCompletionSource _watching;

    public Watcher(IActorRef target, TaskCompletionSource<Terminated> terminated, TaskCompletionSource watching)
    {
        _target = target;
        _watching = watching;
        Receive<Terminated>(t => terminated.TrySetResult(t));
    }

    protected override void PreStart()
    {
        Context.Watch(_target);
        _watching.TrySetResult();
    }
}
