using FedActors.Actors.Core;

namespace FedActors.Actors.Supervision;

/// <summary>A parent's record of one child: its reference, whether it is stopping, and its restarts within the current window.</summary>
internal sealed class ChildRestartStats(IInternalActorRef child)
{
    private int _restartsInWindow;
    private long _windowStart;

    public IInternalActorRef Child { get; } = child;

    /// <summary>True once the parent asked the child to stop; its name stays reserved until it has stopped.</summary>
    public bool IsStopping { get; set; }

    /// <summary>Counts a restart and says whether it is within <paramref name="maxRetries"/> in <paramref name="window"/> (Akka's rules: -1 retries and no window = unlimited).</summary>
    public bool RequestRestartPermission(TimeProvider time, int maxRetries, TimeSpan? window)
    {
        if (maxRetries == 0)
        {
            return false;
        }
        if (window is null)
        {
            return maxRetries < 0 || ++_restartsInWindow <= maxRetries;
        }
        var limit = maxRetries < 0 ? 1 : maxRetries;
        var now = time.GetTimestamp();
        if (_restartsInWindow == 0 || time.GetElapsedTime(_windowStart, now) > window.Value)
        {
            _windowStart = now;
            _restartsInWindow = 1;
            return true;
        }
        return ++_restartsInWindow <= limit;
    }
}
