namespace FedActors.Persistence;

/// <summary>Delivered to <see cref="PersistentActor.ReceiveRecover"/> once the snapshot and all events have been replayed, before any command.</summary>
public sealed class RecoveryCompleted
{
    private RecoveryCompleted()
    {
    }

    /// <summary>The single instance.</summary>
    public static RecoveryCompleted Instance { get; } = new();
}
