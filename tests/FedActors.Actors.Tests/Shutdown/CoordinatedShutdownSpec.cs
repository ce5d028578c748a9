using FedActors.Actors.Shutdown;

namespace FedActors.Actors.Tests.Shutdown;

public sealed class CoordinatedShutdownSpec : TestKit.TestKit
{
    [Fact]
    public async Task Phases_run_in_order_and_the_system_terminates()
    {
        var shutdown = CoordinatedShutdown.Get(Sys);
        var order = new List<string>();
        shutdown.AddTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, "last", _ => Record(order, "before-terminate"));
        shutdown.AddTask(CoordinatedShutdown.PhaseServiceUnbind, "unbind", _ => Record(order, "unbind"));
        shutdown.AddTask(CoordinatedShutdown.PhaseClusterLeave, "leave", _ => Record(order, "leave"));
        await shutdown.Run(CoordinatedShutdownReason.Unknown).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["unbind", "leave", "before-terminate"], order);
        Assert.True(Sys.WhenTerminated.IsCompleted);
        Assert.Same(CoordinatedShutdownReason.Unknown, shutdown.Reason);
    }

    [Fact]
    public async Task A_phase_that_times_out_is_logged_and_the_shutdown_goes_on()
    {
        var shutdown = CoordinatedShutdown.Get(Sys);
        var stuck = new TaskCompletionSource();
        var hold = new TaskCompletionSource();
        shutdown.AddTask(CoordinatedShutdown.PhaseServiceStop, "stuck", _ => stuck.Task);
        shutdown.AddTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, "hold", _ => hold.Task);
        Task run = Task.CompletedTask;
        EventFilter.Warning("timed out").ExpectOne(() =>
        {
            run = shutdown.Run(CoordinatedShutdownReason.Unknown);
            AwaitCondition(() => Time!.ActiveTimers > 0);
            Time!.Advance(Sys.Settings.ShutdownPhaseTimeout);
        });
        hold.SetResult();
        await run.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(Sys.WhenTerminated.IsCompleted);
    }

    [Fact]
    public async Task A_failing_task_does_not_stop_the_shutdown()
    {
        var shutdown = CoordinatedShutdown.Get(Sys);
        shutdown.AddTask(CoordinatedShutdown.PhaseServiceStop, "broken", _ => throw new InvalidOperationException("broken task"));
        await shutdown.Run(CoordinatedShutdownReason.Unknown).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(Sys.WhenTerminated.IsCompleted);
    }

    [Fact]
    public void Run_is_idempotent_and_late_tasks_and_unknown_phases_are_refused()
    {
        var shutdown = CoordinatedShutdown.Get(Sys);
        Assert.Throws<ArgumentException>(() => shutdown.AddTask("no-such-phase", "x", _ => Task.CompletedTask));
        var first = shutdown.Run(CoordinatedShutdownReason.Unknown);
        Assert.Same(first, shutdown.Run(CoordinatedShutdownReason.HostStopping));
        Assert.Throws<InvalidOperationException>(() => shutdown.AddTask(CoordinatedShutdown.PhaseServiceStop, "late", _ => Task.CompletedTask));
    }

    private static Task Record(List<string> order, string name)
    {
        lock (order)
        {
            order.Add(name);
        }
        return Task.CompletedTask;
    }
}
