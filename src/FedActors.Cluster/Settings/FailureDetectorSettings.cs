using FedActors.Configuration;

namespace FedActors.Cluster.Settings;

/// <summary>
/// The validated settings of the phi-accrual failure detector (<c>fedactors.cluster.failure-detector</c>), with
/// Akka.Cluster's defaults: threshold 8.0, max-sample-size 1000, min-std-deviation 100 ms,
/// acceptable-heartbeat-pause 3 s, heartbeat-interval 1 s, expected-response-after 1 s.
/// </summary>
public sealed class FailureDetectorSettings
{
    private FailureDetectorSettings()
    {
    }

    /// <summary>Akka.Cluster's defaults, the same values as <c>reference.conf</c>.</summary>
    public static FailureDetectorSettings Default { get; } = new()
    {
        Threshold = 8.0,
        MaxSampleSize = 1000,
        MinStdDeviation = TimeSpan.FromMilliseconds(100),
        AcceptableHeartbeatPause = TimeSpan.FromSeconds(3),
        HeartbeatInterval = TimeSpan.FromSeconds(1),
        ExpectedResponseAfter = TimeSpan.FromSeconds(1),
    };

    /// <summary>Phi above which a member is unreachable (<c>threshold</c>, &gt; 0).</summary>
    public double Threshold { get; private init; }

    /// <summary>Heartbeat intervals kept to estimate their distribution (<c>max-sample-size</c>, &gt;= 1).</summary>
    public int MaxSampleSize { get; private init; }

    /// <summary>Lower bound of the standard deviation used in phi, so that regular heartbeats do not make phi jumpy (<c>min-std-deviation</c>).</summary>
    public TimeSpan MinStdDeviation { get; private init; }

    /// <summary>Extra silence tolerated on top of the mean interval, e.g. for garbage collection pauses (<c>acceptable-heartbeat-pause</c>).</summary>
    public TimeSpan AcceptableHeartbeatPause { get; private init; }

    /// <summary>How often a node sends heartbeats to the members it monitors (<c>heartbeat-interval</c>).</summary>
    public TimeSpan HeartbeatInterval { get; private init; }

    /// <summary>After the first heartbeat is sent, how long to wait for a response before the detector starts accruing (<c>expected-response-after</c>).</summary>
    public TimeSpan ExpectedResponseAfter { get; private init; }

    /// <summary>Reads and validates a <c>fedactors.cluster.failure-detector</c> section.</summary>
    /// <exception cref="ConfigException">A key is missing or invalid; the message names the key and the value.</exception>
    public static FailureDetectorSettings FromConfig(Config detector)
    {
        ArgumentNullException.ThrowIfNull(detector);
        var threshold = detector.GetDouble("threshold");
        if (!(threshold > 0) || double.IsInfinity(threshold))
        {
            throw detector.Invalid("threshold", "must be > 0");
        }
        var samples = detector.GetInt("max-sample-size");
        if (samples < 1)
        {
            throw detector.Invalid("max-sample-size", "must be >= 1");
        }
        return new FailureDetectorSettings
        {
            Threshold = threshold,
            MaxSampleSize = samples,
            MinStdDeviation = Positive(detector, "min-std-deviation"),
            AcceptableHeartbeatPause = NotNegative(detector, "acceptable-heartbeat-pause"),
            HeartbeatInterval = Positive(detector, "heartbeat-interval"),
            ExpectedResponseAfter = Positive(detector, "expected-response-after"),
        };
    }

    internal static TimeSpan Positive(Config config, string key)
    {
        var value = config.GetTimeSpan(key);
        return value > TimeSpan.Zero && value != Timeout.InfiniteTimeSpan ? value : throw config.Invalid(key, "must be a finite duration > 0");
    }

    private static TimeSpan NotNegative(Config config, string key)
    {
        var value = config.GetTimeSpan(key);
        return value >= TimeSpan.Zero && value != Timeout.InfiniteTimeSpan ? value : throw config.Invalid(key, "must be a finite duration >= 0");
    }
}
