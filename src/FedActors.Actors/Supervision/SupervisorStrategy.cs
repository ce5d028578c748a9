using FedActors.Actors.Core;

namespace FedActors.Actors.Supervision;

/// <summary>
/// How a parent handles a failing child: a decider maps the exception to a <see cref="Directive"/>,
/// restarts are limited to <see cref="MaxNumberOfRetries"/> within <see cref="WithinTimeRange"/>
/// (measured on the system's <see cref="TimeProvider"/>; beyond the limit the child is stopped), and
/// the failure is logged once at Error level by the supervisor (unless the directive is Escalate,
/// which leaves logging to the supervisor that finally handles it).
/// <see cref="OneForOneStrategy"/> applies the directive to the failed child only;
/// <see cref="AllForOneStrategy"/> applies Restart and Stop to all children.
/// </summary>
public abstract class SupervisorStrategy
{
    private protected SupervisorStrategy(int maxNumberOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider, bool loggingEnabled)
    {
        ArgumentNullException.ThrowIfNull(decider);
        if (maxNumberOfRetries < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxNumberOfRetries), maxNumberOfRetries, "maxNumberOfRetries must be -1 (unlimited) or >= 0.");
        }
        if (withinTimeRange is { } range && range <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(withinTimeRange), withinTimeRange, "withinTimeRange must be positive, or null for no window.");
        }
        MaxNumberOfRetries = maxNumberOfRetries;
        WithinTimeRange = withinTimeRange;
        Decider = decider;
        LoggingEnabled = loggingEnabled;
    }

    /// <summary>Restarts allowed within <see cref="WithinTimeRange"/>; -1 means unlimited.</summary>
    public int MaxNumberOfRetries { get; }

    /// <summary>The window in which restarts are counted, or <c>null</c> for the child's whole life.</summary>
    public TimeSpan? WithinTimeRange { get; }

    /// <summary>Maps a child's exception to a directive.</summary>
    public Func<Exception, Directive> Decider { get; }

    /// <summary>Whether the supervisor logs each handled failure.</summary>
    public bool LoggingEnabled { get; }

    /// <summary>Akka's default decider: Stop on <see cref="ActorInitializationException"/>,
    /// <see cref="ActorKilledException"/> and <see cref="DeathPactException"/>, Restart on anything else.</summary>
    public static Directive DefaultDecider(Exception exception) => exception switch
    {
        ActorInitializationException or ActorKilledException or DeathPactException => Directive.Stop,
        _ => Directive.Restart,
    };

    /// <summary>One-for-one with <see cref="DefaultDecider"/> and unlimited restarts.</summary>
    public static SupervisorStrategy DefaultStrategy { get; } = new OneForOneStrategy(DefaultDecider);

    /// <summary>One-for-one that stops every failing child.</summary>
    public static SupervisorStrategy StoppingStrategy { get; } = new OneForOneStrategy(static _ => Directive.Stop);

    /// <summary>Applies a Restart (<paramref name="restart"/> true) or Stop decision to the failed child and, for all-for-one, its siblings.</summary>
    internal abstract void ProcessFailure(ActorCell parent, bool restart, ChildRestartStats failed, Exception cause, IReadOnlyList<ChildRestartStats> children);
}
