namespace FedActors.Actors.Supervision;

/// <summary>When a <see cref="BackoffSupervisor"/> restarts its child.</summary>
public enum BackoffMode
{
    /// <summary>After the child failed (threw); a child that stops on its own stops the supervisor too.</summary>
    OnFailure,

    /// <summary>After the child stopped for any reason (failures inside the child restart it as usual).</summary>
    OnStop,
}
