using FedActors.Configuration;

namespace FedActors.Federation.Deployment;

/// <summary>
/// The settings of a cluster run on the coordinator node (HOCON section <c>fedactors.deployment</c>), validated on
/// construction with the key in the message, e.g. <c>fedactors.deployment.join-timeout must be a finite duration &gt; 0, was 0s</c>.
/// </summary>
public sealed class DeploymentSettings
{
    private DeploymentSettings(TimeSpan joinTimeout, TimeSpan hostTimeout)
    {
        JoinTimeout = joinTimeout;
        HostTimeout = hostTimeout;
    }

    /// <summary>How long the coordinator waits for the scenario's client members and a key-manager to be Up (<c>join-timeout</c>).</summary>
    public TimeSpan JoinTimeout { get; }

    /// <summary>How long a node may take to prepare (load its data, build its model) or start its part of a run (<c>host-timeout</c>).</summary>
    public TimeSpan HostTimeout { get; }

    /// <summary>Reads and validates the <c>fedactors.deployment</c> section.</summary>
    /// <param name="deployment">The section itself (<c>config.GetConfig("fedactors.deployment")</c>).</param>
    /// <exception cref="ConfigException">A key is missing or invalid; the message names the key and the value.</exception>
    public static DeploymentSettings FromConfig(Config deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        return new DeploymentSettings(Positive(deployment, "join-timeout"), Positive(deployment, "host-timeout"));
    }

    /// <summary>These settings with another <see cref="JoinTimeout"/> (the command line's <c>--join-timeout</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="joinTimeout"/> is not a finite duration &gt; 0.</exception>
    public DeploymentSettings WithJoinTimeout(TimeSpan joinTimeout)
    {
        if (joinTimeout <= TimeSpan.Zero || joinTimeout == Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(joinTimeout), joinTimeout, "The join timeout must be a finite duration > 0.");
        }
        return new DeploymentSettings(joinTimeout, HostTimeout);
    }

    private static TimeSpan Positive(Config section, string key)
    {
        var value = section.GetTimeSpan(key);
        if (value <= TimeSpan.Zero || value == Timeout.InfiniteTimeSpan)
        {
            throw section.Invalid(key, "must be a finite duration > 0");
        }
        return value;
    }
}
