namespace FedActors.Actors.Scheduling;

/// <summary>A scheduled action that can be cancelled; cancelling twice, or after it ran, is harmless.</summary>
public interface ICancelable
{
    /// <summary>True once <see cref="Cancel"/> was called.</summary>
    bool IsCancellationRequested { get; }

    /// <summary>Prevents any further run of the scheduled action.</summary>
    void Cancel();
}
