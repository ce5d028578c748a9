namespace FedActors.Actors.Scheduling;

/// <summary>
/// An actor's own timers, keyed by any value: starting a timer with a key in use replaces it, and a
/// message from a cancelled or replaced timer is never delivered, even if it was already queued.
/// Timers are cancelled when the actor restarts or stops. Only the actor itself may use them.
/// </summary>
public interface ITimerScheduler
{
    /// <summary>Sends <paramref name="message"/> to the actor once after <paramref name="timeout"/>.</summary>
    void StartSingleTimer(object key, object message, TimeSpan timeout);

    /// <summary>Sends <paramref name="message"/> to the actor every <paramref name="interval"/>.</summary>
    void StartPeriodicTimer(object key, object message, TimeSpan interval);

    /// <summary>Sends <paramref name="message"/> after <paramref name="initialDelay"/>, then every <paramref name="interval"/>.</summary>
    void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval);

    /// <summary>True while the timer with this key is active (a single timer stops being active when its message is delivered).</summary>
    bool IsTimerActive(object key);

    /// <summary>Cancels the timer with this key, if any.</summary>
    void Cancel(object key);

    /// <summary>Cancels every timer of the actor.</summary>
    void CancelAll();
}
