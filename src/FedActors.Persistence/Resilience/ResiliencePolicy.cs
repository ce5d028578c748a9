namespace FedActors.Persistence.Resilience;

/// <summary>
/// Bounded retries with exponential backoff in front of a <see cref="CircuitBreaker"/>: a transient
/// failure (as the store's classifier says) is retried up to <see cref="ResilienceSettings.MaxRetries"/>
/// times (fewer if the breaker opens meanwhile), then surfaces as <see cref="StorageUnavailableException"/>;
/// a call while the breaker is open surfaces at once as <see cref="CircuitBreakerOpenException"/>;
/// any other exception surfaces unchanged on the first attempt.
/// </summary>
public sealed class ResiliencePolicy
{
    private readonly string _store;
    private readonly ResilienceSettings _settings;
    private readonly TimeProvider _time;
    private readonly Func<Exception, bool> _isTransient;

    /// <summary>Creates the policy for <paramref name="store"/> (named in its exceptions).</summary>
    public ResiliencePolicy(string store, ResilienceSettings settings, TimeProvider time, Func<Exception, bool> isTransient)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(isTransient);
        _store = store;
        _settings = settings;
        _time = time;
        _isTransient = isTransient;
        Breaker = new CircuitBreaker(store, settings.MaxFailures, settings.ResetTimeout, time);
    }

    /// <summary>The breaker shared by every operation of the store.</summary>
    public CircuitBreaker Breaker { get; }

    /// <summary>Runs <paramref name="operation"/> with retries; each attempt must be safe to repeat (its own transaction).</summary>
    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await Breaker.ExecuteAsync(operation, _isTransient, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (_isTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                // Once the breaker has opened, waiting for a retry could only end in a fail-fast rejection.
                if (attempt > _settings.MaxRetries || Breaker.State == CircuitBreakerState.Open)
                {
                    throw new StorageUnavailableException(_store, attempt, e);
                }

                await Task.Delay(Backoff(attempt), _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Runs <paramref name="operation"/> with retries; each attempt must be safe to repeat (its own transaction).</summary>
    public Task ExecuteAsync(Func<CancellationToken, Task> operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return ExecuteAsync<bool>(async ct =>
        {
            await operation(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    private TimeSpan Backoff(int attempt)
    {
        var factor = Math.Pow(2, Math.Min(attempt - 1, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(_settings.MinBackoff.Ticks * factor, _settings.MaxBackoff.Ticks));
        return delay;
    }
}
