namespace FedActors.Persistence.Resilience;

/// <summary>Thrown instead of calling a store whose circuit breaker is open, so a failing database is not hammered.</summary>
public sealed class CircuitBreakerOpenException : Exception
{
    /// <summary>Creates the exception for <paramref name="store"/>, open for another <paramref name="remaining"/>.</summary>
    public CircuitBreakerOpenException(string store, TimeSpan remaining)
        : base($"The circuit breaker of {store} is open after repeated failures; calls fail fast for another {remaining.TotalSeconds:0.###} s. " +
               "Check that the database is reachable and not locked.")
    {
        Store = store;
        Remaining = remaining;
    }

    /// <summary>The store whose breaker is open.</summary>
    public string Store { get; }

    /// <summary>Time until the breaker lets a trial call through.</summary>
    public TimeSpan Remaining { get; }
}
