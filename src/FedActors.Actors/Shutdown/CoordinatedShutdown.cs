using System.Collections.Concurrent;
using FedActors.Actors.Core;
using Microsoft.Extensions.Logging;

namespace FedActors.Actors.Shutdown;

/// <summary>
/// Stops a system in ordered phases (a subset of Akka's, same names), each running its registered
/// tasks concurrently with a timeout (<c>fedactors.actor.coordinated-shutdown.default-phase-timeout</c>,
/// measured on the system's clock). A task that fails or outlives its phase is logged and the
/// shutdown moves on, so a stuck task cannot block the process. The last phase terminates the actor
/// system. <see cref="Run"/> is idempotent: every caller gets the same task.
/// </summary>
public sealed class CoordinatedShutdown
{
    /// <summary>First phase: stop accepting new work from outside.</summary>
    public const string PhaseBeforeServiceUnbind = "before-service-unbind";

    /// <summary>Unbind listeners (ports, endpoints).</summary>
    public const string PhaseServiceUnbind = "service-unbind";

    /// <summary>Wait for in-flight requests to finish.</summary>
    public const string PhaseServiceRequestsDone = "service-requests-done";

    /// <summary>Stop services.</summary>
    public const string PhaseServiceStop = "service-stop";

    /// <summary>Before the node leaves its cluster.</summary>
    public const string PhaseBeforeClusterShutdown = "before-cluster-shutdown";

    /// <summary>Leave the cluster gracefully.</summary>
    public const string PhaseClusterLeave = "cluster-leave";

    /// <summary>Wait until the cluster saw the node exit.</summary>
    public const string PhaseClusterExiting = "cluster-exiting";

    /// <summary>The node's exit is complete.</summary>
    public const string PhaseClusterExitingDone = "cluster-exiting-done";

    /// <summary>Shut the cluster extension down.</summary>
    public const string PhaseClusterShutdown = "cluster-shutdown";

    /// <summary>Last chance before actors stop (flush journals, close connections).</summary>
    public const string PhaseBeforeActorSystemTerminate = "before-actor-system-terminate";

    /// <summary>Terminate the actor system (built in).</summary>
    public const string PhaseActorSystemTerminate = "actor-system-terminate";

    private readonly ActorSystem _system;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(string Name, Func<CancellationToken, Task> Task)>> _tasks = new(StringComparer.Ordinal);
    private readonly object _runLock = new();
    private Task? _run;

    private CoordinatedShutdown(ActorSystem system)
    {
        _system = system;
    }

    /// <summary>The phases in the order they run.</summary>
    public static IReadOnlyList<string> Phases { get; } =
    [
        PhaseBeforeServiceUnbind, PhaseServiceUnbind, PhaseServiceRequestsDone, PhaseServiceStop,
        PhaseBeforeClusterShutdown, PhaseClusterLeave, PhaseClusterExiting, PhaseClusterExitingDone, PhaseClusterShutdown,
        PhaseBeforeActorSystemTerminate, PhaseActorSystemTerminate,
    ];

    /// <summary>The reason of the running (or finished) shutdown, or null before <see cref="Run"/>.</summary>
    public CoordinatedShutdownReason? Reason { get; private set; }

    /// <summary>The coordinated shutdown of <paramref name="system"/> (one per system).</summary>
    public static CoordinatedShutdown Get(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.GetOrAddExtension(static s => new CoordinatedShutdown(s));
    }

    /// <summary>Registers a task to run in <paramref name="phase"/>; it receives a token cancelled when the phase times out.</summary>
    /// <exception cref="ArgumentException">The phase is unknown.</exception>
    /// <exception cref="InvalidOperationException">The shutdown has started already.</exception>
    public void AddTask(string phase, string taskName, Func<CancellationToken, Task> task)
    {
        ArgumentNullException.ThrowIfNull(phase);
        ArgumentException.ThrowIfNullOrEmpty(taskName);
        ArgumentNullException.ThrowIfNull(task);
        if (!Phases.Contains(phase, StringComparer.Ordinal))
        {
            throw new ArgumentException($"Unknown coordinated-shutdown phase '{phase}'; valid phases: {string.Join(", ", Phases)}.", nameof(phase));
        }
        lock (_runLock)
        {
            if (_run is not null)
            {
                throw new InvalidOperationException($"Coordinated shutdown of {_system.Name} has started; task '{taskName}' for phase '{phase}' was added too late.");
            }
            _tasks.GetOrAdd(phase, static _ => new()).Enqueue((taskName, task));
        }
    }

    /// <summary>Runs all phases in order and terminates the system; later calls return the same task.</summary>
    public Task Run(CoordinatedShutdownReason reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        lock (_runLock)
        {
            if (_run is null)
            {
                Reason = reason;
                _run = RunPhases(reason);
            }
            return _run;
        }
    }

    private async Task RunPhases(CoordinatedShutdownReason reason)
    {
        await Task.Yield();
        _system.Log.LogInformation("Coordinated shutdown of {System} started (reason: {Reason}).", _system.Name, reason.Name);
        foreach (var phase in Phases)
        {
            var tasks = _tasks.TryGetValue(phase, out var queue) ? queue.ToArray() : [];
            if (phase == PhaseActorSystemTerminate)
            {
                tasks = [.. tasks, ("terminate-actor-system", _ => _system.Terminate())];
            }
            if (tasks.Length > 0)
            {
                await RunPhase(phase, tasks).ConfigureAwait(false);
            }
        }
    }

    private async Task RunPhase(string phase, (string Name, Func<CancellationToken, Task> Task)[] tasks)
    {
        var timeout = _system.Settings.ShutdownPhaseTimeout;
        using var cancellation = new CancellationTokenSource(timeout, _system.TimeProvider);
        var running = tasks.Select(t => (t.Name, Task: StartTask(t.Task, cancellation.Token))).ToArray();
        var all = Task.WhenAll(running.Select(r => r.Task));
        var timer = Task.Delay(Timeout.InfiniteTimeSpan, cancellation.Token);
        await Task.WhenAny(all, timer).ConfigureAwait(false);
        foreach (var (name, task) in running)
        {
            if (task.IsFaulted)
            {
                _system.Log.LogWarning(task.Exception!.InnerException, "Coordinated shutdown task '{Task}' of phase '{Phase}' failed: {Message}; continuing.",
                    name, phase, task.Exception!.InnerException?.Message);
            }
            else if (!task.IsCompleted)
            {
                _system.Log.LogWarning("Coordinated shutdown phase '{Phase}' timed out after {Timeout}; task '{Task}' is still running; continuing.", phase, timeout, name);
            }
        }
    }

    private static Task StartTask(Func<CancellationToken, Task> task, CancellationToken token)
    {
        try
        {
            return task(token);
        }
        catch (Exception e)
        {
            return Task.FromException(e);
        }
    }
}
