using FedActors.Persistence.Resilience;
using FedActors.Persistence.Tests.Infrastructure;

namespace FedActors.Persistence.Tests.Resilience;

public sealed class ResiliencePolicyTests
{
    private readonly ManualTimeProvider _time = new();

    private ResiliencePolicy Policy(int maxRetries, int maxFailures = 100) => new(
        "test store",
        new ResilienceSettings(maxRetries, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(250), maxFailures, TimeSpan.FromSeconds(30)),
        _time,
        e => e is TimeoutException);

    private async Task AdvanceWhenWaitingAsync(Task operation, params int[] delaysMs)
    {
        foreach (var delay in delaysMs)
        {
            await WaitFor.UntilAsync(() => _time.ActiveTimers > 0 || operation.IsCompleted, "the operation waits to retry");

            _time.Advance(TimeSpan.FromMilliseconds(delay));
        }
    }

    [Fact]
    public async Task Retries_transient_failures_with_exponential_backoff_until_success()
    {
        var attempts = new List<DateTimeOffset>();
        var policy = Policy(maxRetries: 3);
        var operation = policy.ExecuteAsync(_ =>
        {
            attempts.Add(_time.GetUtcNow());
            return attempts.Count < 4 ? throw new TimeoutException("locked") : Task.FromResult(42);
        }, CancellationToken.None);

        await AdvanceWhenWaitingAsync(operation, 100, 200, 250);

        Assert.Equal(42, await operation);
        var start = attempts[0];
        Assert.Equal([0, 100, 300, 550], attempts.Select(a => (a - start).TotalMilliseconds));
    }

    [Fact]
    public async Task Surfaces_the_last_failure_after_the_retries_are_spent()
    {
        var calls = 0;
        var policy = Policy(maxRetries: 2);
        var operation = policy.ExecuteAsync<int>(_ => throw new TimeoutException($"down #{++calls}"), CancellationToken.None);
        await AdvanceWhenWaitingAsync(operation, 100, 200);

        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => operation);
        Assert.Equal(3, error.Attempts);
        Assert.Equal(3, calls);
        Assert.Equal("down #3", error.InnerException!.Message);
        Assert.Contains("test store is unavailable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Does_not_retry_errors_that_are_not_transient()
    {
        var calls = 0;
        var policy = Policy(maxRetries: 3);
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            policy.ExecuteAsync<int>(_ => throw new InvalidOperationException($"constraint #{++calls}"), CancellationToken.None));
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task Stops_retrying_when_the_breaker_opens_and_then_fails_fast()
    {
        var calls = 0;
        var policy = Policy(maxRetries: 5, maxFailures: 2);
        var operation = policy.ExecuteAsync<int>(_ => throw new TimeoutException($"down #{++calls}"), CancellationToken.None);
        await AdvanceWhenWaitingAsync(operation, 100);

        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => operation);
        Assert.Equal(2, error.Attempts);
        Assert.Equal(CircuitBreakerState.Open, policy.Breaker.State);
        await Assert.ThrowsAsync<CircuitBreakerOpenException>(() => policy.ExecuteAsync(_ => Task.FromResult(++calls), CancellationToken.None));
        Assert.Equal(2, calls);
    }
}
