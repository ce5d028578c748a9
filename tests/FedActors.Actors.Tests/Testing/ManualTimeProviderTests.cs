using FedActors.TestKit;

namespace FedActors.Actors.Tests.Testing;

public sealed class ManualTimeProviderTests
{
    [Fact]
    public void The_clock_moves_only_on_Advance()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero));
        var start = time.GetTimestamp();
        time.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(new DateTimeOffset(2026, 5, 1, 0, 3, 0, TimeSpan.Zero), time.GetUtcNow());
        Assert.Equal(TimeSpan.FromMinutes(3), time.GetElapsedTime(start));
    }

    [Fact]
    public void Timers_fire_in_due_order_and_periodic_ones_repeat()
    {
        var time = new ManualTimeProvider();
        var fired = new List<string>();
        using var b = time.CreateTimer(_ => fired.Add("b@" + time.GetUtcNow().Second), null, TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan);
        using var a = time.CreateTimer(_ => fired.Add("a@" + time.GetUtcNow().Second), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(["a@1", "b@2", "a@3", "a@5"], fired);
    }

    [Fact]
    public void A_disposed_or_changed_timer_does_not_fire_at_its_old_time()
    {
        var time = new ManualTimeProvider();
        var count = 0;
        var timer = time.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        timer.Change(TimeSpan.FromSeconds(3), Timeout.InfiniteTimeSpan);
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(0, count);
        timer.Dispose();
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(0, count);
        Assert.Equal(0, time.ActiveTimers);
    }

    [Fact]
    public async Task Task_Delay_on_the_provider_completes_on_Advance()
    {
        var time = new ManualTimeProvider();
        var delay = Task.Delay(TimeSpan.FromHours(1), time);
        Assert.False(delay.IsCompleted);
        time.Advance(TimeSpan.FromHours(1));
        await delay.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
