using FedActors.Actors.Event;
using Microsoft.Extensions.Logging;

namespace FedActors.TestKit;

/// <summary>Builds <see cref="EventFilter"/>s for log events (by level, exception type, message, source) and dead letters.</summary>
public sealed class EventFilterFactory
{
    private readonly TestKitBase _kit;

    internal EventFilterFactory(TestKitBase kit)
    {
        _kit = kit;
    }

    /// <summary>Log events carrying an exception of type <typeparamref name="T"/> (or a subtype), optionally whose message contains <paramref name="contains"/>.</summary>
    public EventFilter Exception<T>(string? contains = null, string? source = null)
        where T : Exception => Log(null, e => e.Exception is T, contains, source);

    /// <summary>Error log events.</summary>
    public EventFilter Error(string? contains = null, string? source = null) => Log(LogLevel.Error, null, contains, source);

    /// <summary>Warning log events.</summary>
    public EventFilter Warning(string? contains = null, string? source = null) => Log(LogLevel.Warning, null, contains, source);

    /// <summary>Information log events.</summary>
    public EventFilter Info(string? contains = null, string? source = null) => Log(LogLevel.Information, null, contains, source);

    /// <summary>Debug log events (only published when <c>fedactors.actor.log-level</c> is debug or lower).</summary>
    public EventFilter Debug(string? contains = null, string? source = null) => Log(LogLevel.Debug, null, contains, source);

    /// <summary>Dead letters whose message is of type <typeparamref name="T"/> (and matches <paramref name="isMatch"/>, when given).</summary>
    public EventFilter DeadLetter<T>(Predicate<T>? isMatch = null) =>
        new(_kit, typeof(DeadLetter), e => e is DeadLetter { Message: T m } && (isMatch is null || isMatch(m)));

    private EventFilter Log(LogLevel? level, Predicate<LogEvent>? extra, string? contains, string? source) =>
        new(_kit, typeof(LogEvent), e => e is LogEvent log
            && (level is null || log.Level == level)
            && (extra is null || extra(log))
            && (contains is null || log.Message.Contains(contains, StringComparison.Ordinal) || (log.Exception?.Message.Contains(contains, StringComparison.Ordinal) ?? false))
            && (source is null || log.LogSource.Contains(source, StringComparison.Ordinal)));
}
