namespace FedActors.Federation.Scenarios;

/// <summary>
/// A scenario (or one of its sweep variants) failed validation; nothing was run. The message has
/// one line per error, each <c>FILE:LINE:COLUMN: scenario.key: problem; valid: …</c>.
/// </summary>
public sealed class ScenarioException : Exception
{
    /// <summary>Creates the exception for the given errors.</summary>
    /// <param name="errors">At least one error.</param>
    public ScenarioException(IReadOnlyList<ScenarioError> errors)
        : base(string.Join('\n', errors.Select(e => e.ToString())))
    {
        Errors = errors;
    }

    /// <summary>Creates the exception with a message only.</summary>
    /// <param name="message">The message.</param>
    public ScenarioException(string message)
        : base(message)
    {
        Errors = [];
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ScenarioException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public ScenarioException()
        : this("The scenario is not valid.")
    {
    }

    /// <summary>Every error found, in file order of discovery.</summary>
    public IReadOnlyList<ScenarioError> Errors { get; }
}
