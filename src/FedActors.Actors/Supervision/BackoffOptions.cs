using FedActors.Actors.Core;

namespace FedActors.Actors.Supervision;

/// <summary>
/// How a <see cref="BackoffSupervisor"/> restarts its child: the n-th consecutive restart waits
/// <c>min(MaxBackoff, MinBackoff · 2^n)</c>, stretched by up to <see cref="RandomFactor"/> (drawn from
/// <see cref="Random"/>) so that many supervisors do not restart in lockstep. The count resets once a
/// child has lived <see cref="ResetBackoffAfter"/>. Validated on construction.
/// </summary>
public sealed record BackoffOptions
{
    /// <summary>Creates options.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public BackoffOptions(Props childProps, string childName, TimeSpan minBackoff, TimeSpan maxBackoff,
        double randomFactor = 0, BackoffMode mode = BackoffMode.OnFailure, TimeSpan? resetBackoffAfter = null, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(childProps);
        if (!ActorPath.IsValidElement(childName))
        {
            throw new ArgumentException($"Backoff child name '{childName}' is not a valid actor name.", nameof(childName));
        }
        if (minBackoff <= TimeSpan.Zero || maxBackoff < minBackoff)
        {
            throw new ArgumentException($"Backoff needs 0 < minBackoff <= maxBackoff, got {minBackoff} and {maxBackoff}.", nameof(minBackoff));
        }
        if (randomFactor is < 0 or > 1 || double.IsNaN(randomFactor))
        {
            throw new ArgumentException($"Backoff randomFactor must be in [0, 1], was {randomFactor}.", nameof(randomFactor));
        }
        ChildProps = childProps;
        ChildName = childName;
        MinBackoff = minBackoff;
        MaxBackoff = maxBackoff;
        RandomFactor = randomFactor;
        Mode = mode;
        ResetBackoffAfter = resetBackoffAfter ?? minBackoff;
        Random = random ?? Random.Shared;
    }

    /// <summary>The props of the supervised child.</summary>
    public Props ChildProps { get; }

    /// <summary>The child's name.</summary>
    public string ChildName { get; }

    /// <summary>The first restart's delay.</summary>
    public TimeSpan MinBackoff { get; }

    /// <summary>The longest delay.</summary>
    public TimeSpan MaxBackoff { get; }

    /// <summary>Up to this fraction of the delay is added at random (0 for exact delays).</summary>
    public double RandomFactor { get; }

    /// <summary>Whether the child restarts after failures only or after any stop.</summary>
    public BackoffMode Mode { get; }

    /// <summary>A child that lived this long resets the restart count.</summary>
    public TimeSpan ResetBackoffAfter { get; }

    /// <summary>The source of the random stretch.</summary>
    public Random Random { get; }

    /// <summary>The delay before restart number <paramref name="restartCount"/> (0-based), before the random stretch.</summary>
    public TimeSpan Delay(int restartCount)
    {
        var factor = Math.Pow(2, Math.Min(restartCount, 30));
        var ticks = Math.Min(MaxBackoff.Ticks, MinBackoff.Ticks * factor);
        return TimeSpan.FromTicks((long)ticks);
    }
}
