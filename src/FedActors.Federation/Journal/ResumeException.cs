namespace FedActors.Federation.Journal;

/// <summary>A run cannot continue from its journal: the journal, the scenario, the roster or the model checkpoints do not fit together.</summary>
public sealed class ResumeException : Exception
{
    /// <summary>Creates the exception with a message that says what does not fit and what would.</summary>
    public ResumeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the failure that prevents resuming.</summary>
    public ResumeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
