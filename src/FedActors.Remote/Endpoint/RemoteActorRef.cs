using FedActors.Actors.Core;
using FedActors.Remote.Protos;
using Google.Protobuf;

namespace FedActors.Remote.Endpoint;

/// <summary>
/// A reference to an actor of another system: <c>Tell</c> serializes on the caller's thread and queues an
/// envelope on the association to that system (<see cref="SendAsync"/> waits for room instead of dropping); Watch and Unwatch become watch frames and are tracked by the
/// remote watcher; a DeathWatchNotification (a local watchee stopped) becomes a terminated frame.
/// </summary>
internal sealed class RemoteActorRef : ActorRefBase
{
    private readonly EndpointManager _manager;
    private readonly string _pathText;

    public RemoteActorRef(EndpointManager manager, ActorPath path)
        : base(path, 0)
    {
        _manager = manager;
        _pathText = path.ToString();
    }

    public override ActorSystem System => _manager.System;

    public override bool IsTerminated => false;

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        _manager.Send(Path.Address, EnvelopeOf(message, sender), message, sender, this);
    }

    /// <summary>Serializes on the caller's thread and completes when the envelope is queued, waiting while the queue is full.</summary>
    public ValueTask SendAsync(object message, IActorRef? sender, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return _manager.SendAsync(Path.Address, EnvelopeOf(message, sender), cancellationToken);
    }

    private Frame EnvelopeOf(object message, IActorRef? sender)
    {
        var serializer = _manager.System.Serialization.FindSerializerFor(message.GetType());
        return new Frame
        {
            Envelope = new Envelope
            {
                Recipient = _pathText,
                Sender = sender is null ? string.Empty : _manager.GlobalPathOf(sender),
                SerializerId = serializer.Identifier,
                Manifest = serializer.Manifest(message),
                Payload = UnsafeByteOperations.UnsafeWrap(serializer.ToBinary(message)),
            },
        };
    }

    public override void SendSystemMessage(SystemMessage message)
    {
        switch (message)
        {
            case Actors.Core.Watch watch when watch.Watchee.Equals(this):
                _manager.Watcher.AddWatch(this, watch.Watcher);
                _manager.SendControl(Path.Address, new Frame { Watch = new WatchRequest { Watchee = _pathText, Watcher = _manager.GlobalPathOf(watch.Watcher) } });
                break;
            case Unwatch unwatch when unwatch.Watchee.Equals(this):
                _manager.Watcher.RemoveWatch(this, unwatch.Watcher);
                _manager.SendControl(Path.Address, new Frame { Unwatch = new WatchRequest { Watchee = _pathText, Watcher = _manager.GlobalPathOf(unwatch.Watcher) } });
                break;
            case DeathWatchNotification notification:
                _manager.SendControl(Path.Address, new Frame { Terminated = new WatchTerminated { Actor = _manager.GlobalPathOf(notification.Actor), Watcher = _pathText } });
                break;
            default:
                // Supervision and lifecycle messages do not cross systems: remote actors have local parents.
                break;
        }
    }
}
