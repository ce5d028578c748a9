using FedActors.Actors.Core;

namespace FedActors.Actors.Supervision;

/// <summary>Applies the directive to the failed child only (see <see cref="SupervisorStrategy"/>).</summary>
public sealed class OneForOneStrategy : SupervisorStrategy
{
    /// <summary>Creates the strategy.</summary>
    /// <param name="maxNumberOfRetries">Restarts allowed within <paramref name="withinTimeRange"/>; -1 for unlimited.</param>
    /// <param name="withinTimeRange">The counting window, or <c>null</c> for the child's whole life.</param>
    /// <param name="decider">Maps an exception to a directive.</param>
    /// <param name="loggingEnabled">Whether failures are logged by the supervisor.</param>
    public OneForOneStrategy(int maxNumberOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider, bool loggingEnabled = true)
        : base(maxNumberOfRetries, withinTimeRange, decider, loggingEnabled)
    {
    }

    /// <summary>Creates the strategy with unlimited restarts.</summary>
    public OneForOneStrategy(Func<Exception, Directive> decider)
        : this(-1, null, decider)
    {
    }

    internal override void ProcessFailure(ActorCell parent, bool restart, ChildRestartStats failed, Exception cause, IReadOnlyList<ChildRestartStats> children)
    {
        if (restart && failed.RequestRestartPermission(parent.System.TimeProvider, MaxNumberOfRetries, WithinTimeRange))
        {
            failed.Child.SendSystemMessage(new Recreate(cause));
        }
        else
        {
            parent.Stop(failed.Child);
        }
    }
}
