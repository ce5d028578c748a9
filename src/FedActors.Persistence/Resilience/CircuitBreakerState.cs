namespace FedActors.Persistence.Resilience;

/// <summary>The three states of a <see cref="CircuitBreaker"/>.</summary>
public enum CircuitBreakerState
{
    /// <summary>Calls pass; consecutive failures are counted.</summary>
    Closed,

    /// <summary>Calls fail fast with <see cref="CircuitBreakerOpenException"/> until the reset timeout elapses.</summary>
    Open,

    /// <summary>One trial call is in flight; its outcome closes or re-opens the breaker.</summary>
    HalfOpen,
}
