namespace FedActors.Federation.Aggregation;

/// <summary>
/// Thrown when a round's updates cannot be aggregated by the configured rule, e.g. Krum with
/// too few updates for its Byzantine assumption. The round should fail with this message.
/// </summary>
public sealed class AggregationException : Exception
{
    /// <summary>Creates the exception with a message that says what was missing and what would work.</summary>
    /// <param name="message">The actionable message.</param>
    public AggregationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    /// <param name="message">The actionable message.</param>
    /// <param name="innerException">The cause.</param>
    public AggregationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public AggregationException()
        : base("The updates of this round cannot be aggregated.")
    {
    }
}
