namespace FedActors.Persistence.Resilience;

/// <summary>
/// How a store reacts to a database that is down or locked: up to <see cref="MaxRetries"/> retries
/// with exponential backoff between <see cref="MinBackoff"/> and <see cref="MaxBackoff"/>, and a
/// circuit breaker that opens after <see cref="MaxFailures"/> consecutive transient failures and
/// lets one trial call through after <see cref="ResetTimeout"/>. Validated on construction.
/// </summary>
public sealed class ResilienceSettings
{
    /// <summary>Creates validated settings; messages name the HOCON key under <c>fedactors.persistence</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When a value is out of range.</exception>
    public ResilienceSettings(int maxRetries, TimeSpan minBackoff, TimeSpan maxBackoff, int maxFailures, TimeSpan resetTimeout)
    {
        if (maxRetries < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxRetries), maxRetries, $"fedactors.persistence.retry.max-retries must be >= 0, was {maxRetries}");
        }

        if (minBackoff < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(minBackoff), minBackoff, $"fedactors.persistence.retry.min-backoff must be >= 0, was {minBackoff}");
        }

        if (maxBackoff < minBackoff)
        {
            throw new ArgumentOutOfRangeException(nameof(maxBackoff), maxBackoff,
                $"fedactors.persistence.retry.max-backoff must be >= min-backoff ({minBackoff}), was {maxBackoff}");
        }

        if (maxFailures < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxFailures), maxFailures, $"fedactors.persistence.circuit-breaker.max-failures must be >= 1, was {maxFailures}");
        }

        if (resetTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(resetTimeout), resetTimeout, $"fedactors.persistence.circuit-breaker.reset-timeout must be > 0, was {resetTimeout}");
        }

        MaxRetries = maxRetries;
        MinBackoff = minBackoff;
        MaxBackoff = maxBackoff;
        MaxFailures = maxFailures;
        ResetTimeout = resetTimeout;
    }

    /// <summary>The defaults of <c>reference.conf</c>: 3 retries from 100 ms to 2 s, breaker at 5 failures, reset after 30 s.</summary>
    public static ResilienceSettings Default { get; } = new(3, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(2), 5, TimeSpan.FromSeconds(30));

    /// <summary>Retries after the first failed attempt of one operation.</summary>
    public int MaxRetries { get; }

    /// <summary>Delay before the first retry; doubled for each further retry.</summary>
    public TimeSpan MinBackoff { get; }

    /// <summary>Upper bound of the retry delay.</summary>
    public TimeSpan MaxBackoff { get; }

    /// <summary>Consecutive transient failures that open the circuit breaker.</summary>
    public int MaxFailures { get; }

    /// <summary>How long the breaker stays open before it lets one trial call through.</summary>
    public TimeSpan ResetTimeout { get; }
}
