using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FedActors.TestKit;

/// <summary>
/// A logger factory that keeps every formatted log line (prefixed with its level), so tests can assert what a
/// component logged, e.g. that a refused node's certificate fingerprint was named.
/// </summary>
public sealed class CapturingLoggerFactory : ILoggerFactory
{
    private readonly ConcurrentQueue<string> _lines = new();

    /// <summary>Every line logged so far, as <c>Level: message</c>, in order.</summary>
    public IReadOnlyCollection<string> Lines => _lines;

    /// <summary>True when some logged line contains <paramref name="text"/> (ordinal comparison).</summary>
    /// <param name="text">The text to look for.</param>
    /// <returns>Whether any line contains it.</returns>
    public bool Contains(string text) => _lines.Any(l => l.Contains(text, StringComparison.Ordinal));

    /// <inheritdoc/>
    /// <exception cref="NotSupportedException">Always: this factory has no providers.</exception>
    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException("CapturingLoggerFactory keeps lines itself and takes no providers.");

    /// <inheritdoc/>
    public ILogger CreateLogger(string categoryName) => new Logger(_lines);

    /// <inheritdoc/>
    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel}: {formatter(state, exception)}");
    }
}
