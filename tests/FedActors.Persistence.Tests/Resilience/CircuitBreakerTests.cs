using FedActors.Persistence.Resilience;
using FedActors.Persistence.Tests.Infrastructure;

namespace FedActors.Persistence.Tests.Resilience;

public sealed class CircuitBreakerTests
{
    private readonly ManualTimeProvider _time = new();
    private readonly CircuitBreaker _breaker;

    public CircuitBreakerTests() => _breaker = new CircuitBreaker("test store", 2, TimeSpan.FromSeconds(10), _time);

    private Task<int> FailAsync() =>
        _breaker.ExecuteAsync<int>(_ => throw new TimeoutException("down"), e => e is TimeoutException, CancellationToken.None);

    private Task<int> SucceedAsync() => _breaker.ExecuteAsync(_ => Task.FromResult(1), _ => true, CancellationToken.None);

    [Fact]
    public async Task Opens_after_max_consecutive_failures_and_then_fails_fast()
    {
        await Assert.ThrowsAsync<TimeoutException>(FailAsync);
        Assert.Equal(CircuitBreakerState.Closed, _breaker.State);
        await Assert.ThrowsAsync<TimeoutException>(FailAsync);
        Assert.Equal(CircuitBreakerState.Open, _breaker.State);

        var calls = 0;
        var error = await Assert.ThrowsAsync<CircuitBreakerOpenException>(() =>
            _breaker.ExecuteAsync(_ => Task.FromResult(++calls), _ => true, CancellationToken.None));
        Assert.Equal(0, calls);
        Assert.Equal(TimeSpan.FromSeconds(10), error.Remaining);
        Assert.Contains("test store", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_success_resets_the_failure_count()
    {
        await Assert.ThrowsAsync<TimeoutException>(FailAsync);
        await SucceedAsync();
        await Assert.ThrowsAsync<TimeoutException>(FailAsync);
        Assert.Equal(CircuitBreakerState.Closed, _breaker.State);
    }

    [Fact]
    public async Task Failures_that_do_not_count_leave_the_breaker_closed()
    {
        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() =>
                _breaker.ExecuteAsync<int>(_ => throw new InvalidOperationException(), e => e is TimeoutException, CancellationToken.None));
        }

        Assert.Equal(CircuitBreakerState.Closed, _breaker.State);
    }

    [Fact]
    public async Task After_the_reset_timeout_one_trial_call_closes_it_on_success()
    {
        await Assert.ThrowsAsync<TimeoutException>(FailAsync);
        await Assert.ThrowsAsync<TimeoutException>(FailAsync);
        _time.Advance(TimeSpan.FromSeconds(9));
        await Assert.ThrowsAsync<CircuitBreakerOpenException>(SucceedAsync);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(1, await SucceedAsync());
        Assert.Equal(CircuitBreakerState.Closed, _breaker.State);
    }

    [Fact]
    public async Task A_failed_trial_call_reopens_it_for_another_reset_timeout()
    {
        await Assert.ThrowsAsync<TimeoutException>(FailAsync);
        await Assert.ThrowsAsync<TimeoutException>(FailAsync);
        _time.Advance(TimeSpan.FromSeconds(10));
        await Assert.ThrowsAsync<TimeoutException>(FailAsync);

        Assert.Equal(CircuitBreakerState.Open, _breaker.State);
        var error = await Assert.ThrowsAsync<CircuitBreakerOpenException>(SucceedAsync);
        Assert.Equal(TimeSpan.FromSeconds(10), error.Remaining);
    }

    [Fact]
    public async Task While_half_open_only_one_trial_call_is_let_through()
    {
        await Assert.ThrowsAsync<TimeoutException>(FailAsync);
        await Assert.ThrowsAsync<TimeoutException>(FailAsync);
        _time.Advance(TimeSpan.FromSeconds(10));
        var release = new TaskCompletionSource<int>();
        var trial = _breaker.ExecuteAsync(_ => release.Task, _ => true, CancellationToken.None);

        Assert.Equal(CircuitBreakerState.HalfOpen, _breaker.State);
        await Assert.ThrowsAsync<CircuitBreakerOpenException>(SucceedAsync);
        release.SetResult(5);
        Assert.Equal(5, await trial);
        Assert.Equal(CircuitBreakerState.Closed, _breaker.State);
    }
}
