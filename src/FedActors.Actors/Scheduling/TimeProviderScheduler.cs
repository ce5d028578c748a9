using System.Collections.Concurrent;
using FedActors.Actors.Core;

namespace FedActors.Actors.Scheduling;

/// <summary>The <see cref="IScheduler"/> of an actor system: one <see cref="ITimer"/> of the injected provider per scheduled item.</summary>
internal sealed class TimeProviderScheduler(TimeProvider time) : IScheduler, IDisposable
{
    private readonly ConcurrentDictionary<ScheduledItem, byte> _active = new();
    private volatile bool _disposed;

    public TimeProvider TimeProvider => time;

    public ICancelable ScheduleTellOnce(TimeSpan delay, IActorRef receiver, object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(message);
        return Schedule(delay, Timeout.InfiniteTimeSpan, () => receiver.Tell(message, sender));
    }

    public ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, IActorRef receiver, object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        return Schedule(initialDelay, interval, () => receiver.Tell(message, sender));
    }

    public ICancelable ScheduleOnce(TimeSpan delay, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return Schedule(delay, Timeout.InfiniteTimeSpan, action);
    }

    private ScheduledItem Schedule(TimeSpan delay, TimeSpan period, Action action)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (delay < TimeSpan.Zero)
        {
            delay = TimeSpan.Zero;
        }
        var item = new ScheduledItem(this, action, period != Timeout.InfiniteTimeSpan);
        _active[item] = 0;
        item.Start(time.CreateTimer(static s => ((ScheduledItem)s!).Fire(), item, delay, period));
        return item;
    }

    public void Dispose()
    {
        _disposed = true;
        foreach (var item in _active.Keys)
        {
            item.Cancel();
        }
    }

    private sealed class ScheduledItem(TimeProviderScheduler owner, Action action, bool repeating) : ICancelable
    {
        private ITimer? _timer;
        private int _cancelled;

        public bool IsCancellationRequested => Volatile.Read(ref _cancelled) != 0;

        public void Start(ITimer timer)
        {
            _timer = timer;
            if (IsCancellationRequested)
            {
                timer.Dispose();
            }
        }

        public void Fire()
        {
            if (IsCancellationRequested)
            {
                return;
            }
            if (!repeating)
            {
                Cancel();
            }
            action();
        }

        public void Cancel()
        {
            if (Interlocked.Exchange(ref _cancelled, 1) == 0)
            {
                owner._active.TryRemove(this, out _);
                Volatile.Read(ref _timer)?.Dispose();
            }
        }
    }
}
