namespace FedActors.TestKit;

/// <summary>
/// Virtual time for tests: a <see cref="TimeProvider"/> whose clock moves only when
/// <see cref="Advance"/> is called. Timers created from it (the actor scheduler, actor timers,
/// receive timeouts, Ask timeouts, <c>Task.Delay(d, provider)</c>) fire inside <see cref="Advance"/>,
/// in due-time order, on the calling thread. The callbacks typically send messages; the actors then
/// handle them on the thread pool, so expect their effects with <c>ExpectMsg</c>.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly object _lock = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now;
    private long _elapsedTicks;
    private long _sequence;

    /// <summary>Starts the clock at <paramref name="start"/> (default: 2026-01-01T00:00:00Z).</summary>
    public ManualTimeProvider(DateTimeOffset? start = null)
    {
        _now = start ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    }

    /// <summary>The number of armed timers (handy to wait until an actor has scheduled something).</summary>
    public int ActiveTimers
    {
        get
        {
            lock (_lock)
            {
                return _timers.Count;
            }
        }
    }

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    /// <inheritdoc/>
    public override long GetTimestamp()
    {
        lock (_lock)
        {
            return _elapsedTicks;
        }
    }

    /// <inheritdoc/>
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc/>
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <inheritdoc/>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward by <paramref name="delta"/>, firing every timer that falls due on the way, earliest first.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delta"/> is negative.</exception>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        long target;
        lock (_lock)
        {
            target = _elapsedTicks + delta.Ticks;
        }
        while (true)
        {
            ManualTimer? due;
            lock (_lock)
            {
                due = _timers.Where(t => t.DueTicks <= target).OrderBy(t => t.DueTicks).ThenBy(t => t.Sequence).FirstOrDefault();
                var moveTo = due?.DueTicks ?? target;
                if (moveTo > _elapsedTicks)
                {
                    _now += TimeSpan.FromTicks(moveTo - _elapsedTicks);
                    _elapsedTicks = moveTo;
                }
                if (due is null)
                {
                    return;
                }
                if (due.PeriodTicks > 0)
                {
                    due.DueTicks += due.PeriodTicks;
                    due.Sequence = ++_sequence;
                }
                else
                {
                    _timers.Remove(due);
                }
            }
            due.Fire();
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public long DueTicks;
        public long PeriodTicks;
        public long Sequence;

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._lock)
            {
                owner._timers.Remove(this);
                if (dueTime == Timeout.InfiniteTimeSpan)
                {
                    return true;
                }
                ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
                DueTicks = owner._elapsedTicks + dueTime.Ticks;
                PeriodTicks = period == Timeout.InfiniteTimeSpan ? 0 : period.Ticks;
                Sequence = ++owner._sequence;
                owner._timers.Add(this);
                return true;
            }
        }

        public void Dispose()
        {
            lock (owner._lock)
            {
                owner._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
