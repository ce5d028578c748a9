namespace FedActors.Persistence.Resilience;

/// <summary>
/// A circuit breaker after Akka's: closed while calls succeed; open after <c>maxFailures</c>
/// consecutive counted failures, failing calls fast for <c>resetTimeout</c>; then half-open, letting
/// exactly one trial call through whose outcome closes or re-opens it. Time comes from the injected
/// <see cref="TimeProvider"/>. Thread-safe.
/// </summary>
public sealed class CircuitBreaker
{
    private readonly Lock _gate = new();
    private readonly string _store;
    private readonly int _maxFailures;
    private readonly TimeSpan _resetTimeout;
    private readonly TimeProvider _time;
    private CircuitBreakerState _state = CircuitBreakerState.Closed;
    private int _failures;
    private DateTimeOffset _openedAt;

    /// <summary>Creates a closed breaker for <paramref name="store"/> (named in its exceptions).</summary>
    public CircuitBreaker(string store, int maxFailures, TimeSpan resetTimeout, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFailures, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(resetTimeout, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(time);
        _store = store;
        _maxFailures = maxFailures;
        _resetTimeout = resetTimeout;
        _time = time;
    }

    /// <summary>The current state; an open breaker whose timeout elapsed still reads Open until a call arrives.</summary>
    public CircuitBreakerState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="operation"/> unless the breaker is open. Exceptions for which
    /// <paramref name="isFailure"/> is true count towards opening; others pass through and count as success
    /// for the breaker (the database answered).
    /// </summary>
    /// <exception cref="CircuitBreakerOpenException">When the breaker is open, or half-open with a trial already in flight.</exception>
    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> operation, Func<Exception, bool> isFailure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(isFailure);
        Admit();
        try
        {
            var result = await operation(cancellationToken).ConfigureAwait(false);
            RecordSuccess();
            return result;
        }
        catch (Exception e) when (isFailure(e))
        {
            RecordFailure();
            throw;
        }
        catch
        {
            RecordSuccess();
            throw;
        }
    }

    private void Admit()
    {
        lock (_gate)
        {
            switch (_state)
            {
                case CircuitBreakerState.Closed:
                    return;
                case CircuitBreakerState.Open:
                    var remaining = _openedAt + _resetTimeout - _time.GetUtcNow();
                    if (remaining > TimeSpan.Zero)
                    {
                        throw new CircuitBreakerOpenException(_store, remaining);
                    }

                    _state = CircuitBreakerState.HalfOpen;
                    return;
                default:
                    throw new CircuitBreakerOpenException(_store, TimeSpan.Zero);
            }
        }
    }

    private void RecordSuccess()
    {
        lock (_gate)
        {
            _state = CircuitBreakerState.Closed;
            _failures = 0;
        }
    }

    private void RecordFailure()
    {
        lock (_gate)
        {
            _failures++;
            if (_state == CircuitBreakerState.HalfOpen || _failures >= _maxFailures)
            {
                _state = CircuitBreakerState.Open;
                _openedAt = _time.GetUtcNow();
            }
        }
    }
}
