using FedActors.Actors.Core;

namespace FedActors.Actors.Supervision;

/// <summary>Applies Restart and Stop to all children when one fails (Resume and Escalate concern the failed child only).</summary>
public sealed class AllForOneStrategy : SupervisorStrategy
{
    /// <summary>Creates the strategy.</summary>
    /// <param name="maxNumberOfRetries">Restarts allowed within <paramref name="withinTimeRange"/>; -1 for unlimited.</param>
    /// <param name="withinTimeRange">The counting window, or <c>null</c> for the children's whole life.</param>
    /// <param name="decider">Maps an exception to a directive.</param>
    /// <param name="loggingEnabled">Whether failures are logged by the supervisor.</param>
    public AllForOneStrategy(int maxNumberOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider, bool loggingEnabled = true)
        : base(maxNumberOfRetries, withinTimeRange, decider, loggingEnabled)
    {
    }

    /// <summary>Creates the strategy with unlimited restarts.</summary>
    public AllForOneStrategy(Func<Exception, Directive> decider)
        : this(-1, null, decider)
    {
    }

    internal override void ProcessFailure(ActorCell parent, bool restart, ChildRestartStats failed, Exception cause, IReadOnlyList<ChildRestartStats> children)
    {
        var time = parent.System.TimeProvider;
        if (restart && children.All(c => c.RequestRestartPermission(time, MaxNumberOfRetries, WithinTimeRange)))
        {
            foreach (var child in children)
            {
                if (!ReferenceEquals(child, failed))
                {
                    // Siblings are running: hold them before restarting, as the failed child is held already.
                    child.Child.SendSystemMessage(new Suspend());
                }
                child.Child.SendSystemMessage(new Recreate(cause));
            }
        }
        else
        {
            foreach (var child in children)
            {
                parent.Stop(child.Child);
            }
        }
    }
}
