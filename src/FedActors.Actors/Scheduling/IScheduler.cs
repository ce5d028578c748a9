using FedActors.Actors.Core;

namespace FedActors.Actors.Scheduling;

/// <summary>
/// Sends messages later, on the system's injected <see cref="System.TimeProvider"/> (so a manual
/// time provider in tests controls exactly when they fire). Everything scheduled is cancelled when
/// the system terminates.
/// </summary>
public interface IScheduler
{
    /// <summary>The clock every delay is measured on.</summary>
    TimeProvider TimeProvider { get; }

    /// <summary>Sends <paramref name="message"/> to <paramref name="receiver"/> once after <paramref name="delay"/>.</summary>
    ICancelable ScheduleTellOnce(TimeSpan delay, IActorRef receiver, object message, IActorRef? sender);

    /// <summary>Sends <paramref name="message"/> after <paramref name="initialDelay"/> and then every <paramref name="interval"/> until cancelled.</summary>
    ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, IActorRef receiver, object message, IActorRef? sender);

    /// <summary>Runs <paramref name="action"/> once after <paramref name="delay"/> on a thread-pool thread (never inside an actor: send it a message instead).</summary>
    ICancelable ScheduleOnce(TimeSpan delay, Action action);
}
