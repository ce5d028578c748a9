using System.Collections.Concurrent;
using FedActors.Actors.Core;

namespace FedActors.TestKit;

/// <summary>The actor behind a <see cref="TestKitBase"/>: queues every message it receives (including Terminated) for the test to expect.</summary>
internal sealed class TestActor(BlockingCollection<ReceivedMessage> queue) : ActorBase
{
    protected override bool Receive(object message)
    {
        switch (message)
        {
            case WatchCommand watch:
                Context.Watch(watch.Subject);
                Sender.Tell(watch, Self);
                break;
            case UnwatchCommand unwatch:
                Context.Unwatch(unwatch.Subject);
                Sender.Tell(unwatch, Self);
                break;
            default:
                queue.Add(new ReceivedMessage(message, Sender));
                break;
        }
        return true;
    }
}

/// <summary>A message a test actor received, with its sender.</summary>
/// <param name="Message">The message.</param>
/// <param name="Sender">Its sender (dead letters when there was none).</param>
public sealed record ReceivedMessage(object Message, IActorRef Sender);

internal sealed record WatchCommand(IActorRef Subject) : FedActors.Actors.Serialization.INoSerializationVerificationNeeded;

internal sealed record UnwatchCommand(IActorRef Subject) : FedActors.Actors.Serialization.INoSerializationVerificationNeeded;
