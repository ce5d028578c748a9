namespace FedActors.Actors.Supervision;

/// <summary>What a supervisor does with a child that threw.</summary>
public enum Directive
{
    /// <summary>Keep the child's state and let it continue with the next message.</summary>
    Resume,

    /// <summary>Replace the child with a fresh instance (PreRestart on the old, PostRestart on the new); its mailbox survives.</summary>
    Restart,

    /// <summary>Stop the child for good.</summary>
    Stop,

    /// <summary>Fail the supervisor itself with the same exception, so its own supervisor decides.</summary>
    Escalate,
}
