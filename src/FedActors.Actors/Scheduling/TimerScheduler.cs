using FedActors.Actors.Core;
using FedActors.Actors.Serialization;

namespace FedActors.Actors.Scheduling;

/// <summary>The <see cref="ITimerScheduler"/> of one actor: each timer message carries its timer's generation, and only the current generation is delivered.</summary>
internal sealed class TimerScheduler(IActorRef self, IScheduler scheduler) : ITimerScheduler
{
    private readonly Dictionary<object, Timer> _timers = [];
    private int _generation;

    public void StartSingleTimer(object key, object message, TimeSpan timeout) => Start(key, message, timeout, null);

    public void StartPeriodicTimer(object key, object message, TimeSpan interval) => Start(key, message, interval, interval);

    public void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval) => Start(key, message, initialDelay, interval);

    public bool IsTimerActive(object key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _timers.ContainsKey(key);
    }

    public void Cancel(object key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_timers.Remove(key, out var timer))
        {
            timer.Task.Cancel();
        }
    }

    public void CancelAll()
    {
        foreach (var timer in _timers.Values)
        {
            timer.Task.Cancel();
        }
        _timers.Clear();
    }

    /// <summary>Unwraps a timer message if it comes from the current generation of its timer; returns null for a stale one.</summary>
    public object? Deliver(TimerMessage message)
    {
        if (!ReferenceEquals(message.Owner, this) || !_timers.TryGetValue(message.Key, out var timer) || timer.Generation != message.Generation)
        {
            return null;
        }
        if (!timer.Repeating)
        {
            _timers.Remove(message.Key);
        }
        return message.Message;
    }

    private void Start(object key, object message, TimeSpan delay, TimeSpan? interval)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(message);
        Cancel(key);
        var envelope = new TimerMessage(key, ++_generation, message, this);
        var task = interval is { } period
            ? scheduler.ScheduleTellRepeatedly(delay, period, self, envelope, null)
            : scheduler.ScheduleTellOnce(delay, self, envelope, null);
        _timers[key] = new Timer(envelope.Generation, interval is not null, task);
    }

    private sealed record Timer(int Generation, bool Repeating, ICancelable Task);
}

/// <summary>A timer's message on its way through the actor's mailbox.</summary>
internal sealed record TimerMessage(object Key, int Generation, object Message, TimerScheduler Owner) : IAutoReceivedMessage, INoSerializationVerificationNeeded;
