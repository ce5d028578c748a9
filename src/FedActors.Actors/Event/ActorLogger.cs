using Microsoft.Extensions.Logging;

namespace FedActors.Actors.Event;

/// <summary>
/// The logger actors and the runtime use: forwards to an <see cref="ILogger"/> from the system's
/// logger factory and publishes a <see cref="LogEvent"/> on the event stream (so tests can filter
/// log events), for entries at or above the system's configured level.
/// </summary>
internal sealed class ActorLogger(ILogger inner, EventStream eventStream, TimeProvider time, LogLevel minimumLevel, string logSource) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= minimumLevel;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }
        var message = formatter(state, exception);
        inner.Log(logLevel, eventId, $"[{logSource}] {message}", exception, static (text, _) => text);
        eventStream.Publish(new LogEvent(logLevel, logSource, message, exception, time.GetUtcNow()));
    }
}
