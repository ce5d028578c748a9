namespace FedActors.Remote.Watch;

/// <summary>
/// A failure detector with a fixed deadline: the monitored node is available while the last heartbeat (or the
/// start of monitoring) is less than the acceptable pause ago on the injected clock. The phi-accrual detector of
/// the cluster layer refines this; remote DeathWatch needs only a deadline.
/// </summary>
public sealed class DeadlineFailureDetector
{
    private readonly TimeSpan _acceptablePause;
    private readonly TimeProvider _time;
    private long _lastHeartbeat;

    /// <summary>Starts monitoring now.</summary>
    /// <param name="acceptablePause">Silence tolerated before the node is unavailable (<c>fedactors.remote.acceptable-heartbeat-pause</c>, &gt; 0).</param>
    /// <param name="time">The clock.</param>
    /// <exception cref="ArgumentOutOfRangeException">The pause is not positive.</exception>
    public DeadlineFailureDetector(TimeSpan acceptablePause, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (acceptablePause <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(acceptablePause), acceptablePause, $"fedactors.remote.acceptable-heartbeat-pause must be > 0, was {acceptablePause}");
        }
        _acceptablePause = acceptablePause;
        _time = time;
        _lastHeartbeat = time.GetTimestamp();
    }

    /// <summary>True while the last heartbeat is within the acceptable pause.</summary>
    public bool IsAvailable => _time.GetElapsedTime(Interlocked.Read(ref _lastHeartbeat)) < _acceptablePause;

    /// <summary>Records a heartbeat from the monitored node.</summary>
    public void Heartbeat() => Interlocked.Exchange(ref _lastHeartbeat, _time.GetTimestamp());
}
