using FedActors.Actors.Core;

namespace FedActors.Actors.Tests.Scheduling;

public sealed class SchedulerSpec : TestKit.TestKit
{
    [Fact]
    public void ScheduleTellOnce_sends_after_the_delay_on_the_system_clock()
    {
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(2), TestActor, "tick", null);
        Time!.Advance(TimeSpan.FromSeconds(1));
        ExpectNoMsg();
        Time.Advance(TimeSpan.FromSeconds(1));
        ExpectMsg("tick");
        Time.Advance(TimeSpan.FromSeconds(10));
        ExpectNoMsg();
    }

    [Fact]
    public void ScheduleTellRepeatedly_sends_every_interval_until_cancelled()
    {
        var task = Sys.Scheduler.ScheduleTellRepeatedly(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TestActor, "tick", null);
        Time!.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(["tick", "tick", "tick"], ReceiveN(3));
        task.Cancel();
        Assert.True(task.IsCancellationRequested);
        Time.Advance(TimeSpan.FromSeconds(10));
        ExpectNoMsg();
    }

    [Fact]
    public void A_cancelled_once_task_never_fires()
    {
        var task = Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(1), TestActor, "tick", null);
        task.Cancel();
        Time!.Advance(TimeSpan.FromSeconds(2));
        ExpectNoMsg();
    }

    [Fact]
    public async Task Termination_cancels_what_is_scheduled()
    {
        Sys.Scheduler.ScheduleOnce(TimeSpan.FromSeconds(1), () => TestActor.Tell("ran", null));
        await Sys.Terminate().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Throws<ObjectDisposedException>(() => Sys.Scheduler.ScheduleOnce(TimeSpan.FromSeconds(1), () => { }));
    }
}
