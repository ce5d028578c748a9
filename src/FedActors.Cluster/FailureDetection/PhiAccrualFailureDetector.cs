using FedActors.Cluster.Settings;

namespace FedActors.Cluster.FailureDetection;

/// <summary>
/// The phi-accrual failure detector of Hayashibara et al. (2004), as Akka.Cluster uses it. It keeps the last
/// <see cref="FailureDetectorSettings.MaxSampleSize"/> intervals between heartbeats and reports
/// <c>phi = -log10(1 - F(t))</c>, where <c>t</c> is the time since the last heartbeat and <c>F</c> the normal
/// distribution with the intervals' mean plus the acceptable pause and their standard deviation (at least
/// <see cref="FailureDetectorSettings.MinStdDeviation"/>). The node is available while phi is below the threshold.
/// Before the first heartbeat phi is 0. The first heartbeat seeds the history with the heartbeat interval ± a
/// quarter, so that one late heartbeat does not immediately count as a failure. All time comes from the injected
/// clock. Not thread-safe: one owner (the cluster daemon) calls it.
/// </summary>
public sealed class PhiAccrualFailureDetector
{
    private readonly FailureDetectorSettings _settings;
    private readonly TimeProvider _time;
    private readonly Queue<double> _intervals = new();
    private double _sum;
    private double _squaredSum;
    private long? _lastHeartbeat;

    /// <summary>Creates a detector that has seen no heartbeat yet.</summary>
    /// <param name="settings">Threshold, sample size, minimum deviation, acceptable pause and the first interval estimate.</param>
    /// <param name="time">The clock heartbeats and phi are measured on.</param>
    public PhiAccrualFailureDetector(FailureDetectorSettings settings, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        _settings = settings;
        _time = time;
    }

    /// <summary>True once a heartbeat has been recorded.</summary>
    public bool IsMonitoring => _lastHeartbeat is not null;

    /// <summary>True while <see cref="Phi"/> is below the threshold (always before the first heartbeat).</summary>
    public bool IsAvailable => Phi < _settings.Threshold;

    /// <summary>The suspicion level now: 0 before the first heartbeat, growing with the silence since the last one.</summary>
    public double Phi
    {
        get
        {
            if (_lastHeartbeat is not { } last)
            {
                return 0;
            }
            var elapsed = _time.GetElapsedTime(last).TotalMilliseconds;
            var mean = _sum / _intervals.Count;
            var variance = Math.Max(0, (_squaredSum / _intervals.Count) - (mean * mean));
            var deviation = Math.Max(Math.Sqrt(variance), _settings.MinStdDeviation.TotalMilliseconds);
            return PhiOf(elapsed, mean + _settings.AcceptableHeartbeatPause.TotalMilliseconds, deviation);
        }
    }

    /// <summary>Records a heartbeat (or heartbeat response) from the monitored node, now.</summary>
    public void Heartbeat()
    {
        var now = _time.GetTimestamp();
        if (_lastHeartbeat is { } last)
        {
            Add(_time.GetElapsedTime(last, now).TotalMilliseconds);
        }
        else
        {
            var estimate = _settings.HeartbeatInterval.TotalMilliseconds;
            Add(estimate - (estimate / 4));
            Add(estimate + (estimate / 4));
        }
        _lastHeartbeat = now;
    }

    /// <summary>
    /// Phi for a silence of <paramref name="elapsedMilliseconds"/> under a normal distribution with the given mean and
    /// standard deviation, using the logistic approximation of the normal CDF (Bowling et al. 2009) that Akka uses;
    /// the two branches keep the subtraction of nearly equal numbers out of the result.
    /// </summary>
    internal static double PhiOf(double elapsedMilliseconds, double mean, double deviation)
    {
        var y = (elapsedMilliseconds - mean) / deviation;
        var e = Math.Exp(-y * (1.5976 + (0.070566 * y * y)));
        return elapsedMilliseconds > mean ? -Math.Log10(e / (1.0 + e)) : -Math.Log10(1.0 - (1.0 / (1.0 + e)));
    }

    private void Add(double interval)
    {
        if (_intervals.Count == _settings.MaxSampleSize)
        {
            var dropped = _intervals.Dequeue();
            _sum -= dropped;
            _squaredSum -= dropped * dropped;
        }
        _intervals.Enqueue(interval);
        _sum += interval;
        _squaredSum += interval * interval;
    }
}
