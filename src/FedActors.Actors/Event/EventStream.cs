using FedActors.Actors.Core;

namespace FedActors.Actors.Event;

/// <summary>
/// The system-wide publish/subscribe bus for runtime events (<see cref="DeadLetter"/>,
/// <see cref="LogEvent"/>, <see cref="UnhandledMessage"/>) and application events. Subscribers
/// are actors and subscribe by type: an event reaches every subscriber whose type it is assignable
/// to. Stopped subscribers are removed automatically.
/// </summary>
public sealed class EventStream
{
    private Subscription[] _subscriptions = [];

    /// <summary>Subscribes an actor to events assignable to <paramref name="channel"/>. Returns false when it was subscribed already.</summary>
    public bool Subscribe(IActorRef subscriber, Type channel)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(channel);
        while (true)
        {
            var current = Volatile.Read(ref _subscriptions);
            if (current.Any(s => s.Channel == channel && s.Subscriber.Equals(subscriber)))
            {
                return false;
            }
            if (Interlocked.CompareExchange(ref _subscriptions, [.. current, new Subscription(channel, subscriber)], current) == current)
            {
                return true;
            }
        }
    }

    /// <summary>Subscribes an actor to events assignable to <typeparamref name="T"/>.</summary>
    public bool Subscribe<T>(IActorRef subscriber) => Subscribe(subscriber, typeof(T));

    /// <summary>Removes one subscription, or all of the subscriber's when <paramref name="channel"/> is null. Returns whether any was removed.</summary>
    public bool Unsubscribe(IActorRef subscriber, Type? channel = null)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        while (true)
        {
            var current = Volatile.Read(ref _subscriptions);
            var remaining = current.Where(s => !(s.Subscriber.Equals(subscriber) && (channel is null || s.Channel == channel))).ToArray();
            if (remaining.Length == current.Length)
            {
                return false;
            }
            if (Interlocked.CompareExchange(ref _subscriptions, remaining, current) == current)
            {
                return true;
            }
        }
    }

    /// <summary>Delivers <paramref name="event"/> to every matching subscriber (without a sender).</summary>
    public void Publish(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        foreach (var subscription in Volatile.Read(ref _subscriptions))
        {
            if (!subscription.Channel.IsInstanceOfType(@event))
            {
                continue;
            }
            if (subscription.Subscriber is IInternalActorRef { IsTerminated: true })
            {
                Unsubscribe(subscription.Subscriber);
                continue;
            }
            subscription.Subscriber.Tell(@event, null);
        }
    }

    private sealed record Subscription(Type Channel, IActorRef Subscriber);
}
