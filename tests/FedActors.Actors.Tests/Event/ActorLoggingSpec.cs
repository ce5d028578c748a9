using System.Collections.Concurrent;
using FedActors.Actors.Core;
using FedActors.Actors.Event;
using Microsoft.Extensions.Logging;

namespace FedActors.Actors.Tests.Event;

public sealed class ActorLoggingSpec
{
    private sealed class Chatty : ReceiveActor
    {
        public Chatty() => Receive<string>(s =>
        {
            Log.LogWarning("warned about {Topic}", s);
            Log.LogDebug("below the level");
            Sender.Tell("done");
        });
    }

    private sealed class Capture : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<(string Category, LogLevel Level, string Message)> Entries { get; } = new();

        private string _category = "";

        public ILogger CreateLogger(string categoryName) => new Capture { _category = categoryName, Sink = Entries };

        private ConcurrentQueue<(string, LogLevel, string)>? Sink { get; init; }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Sink!.Enqueue((_category, logLevel, formatter(state, exception)));

        public void Dispose()
        {
        }
    }

    [Fact]
    public async Task Actor_logs_go_to_the_ILoggerFactory_with_the_actor_path_and_respect_the_level()
    {
        var capture = new Capture();
        using var factory = LoggerFactory.Create(b => b.AddProvider(capture).SetMinimumLevel(LogLevel.Trace));
        await using var system = ActorSystem.Create("logging", new ActorSystemSetup { LoggerFactory = factory });
        var chatty = system.ActorOf(Props.Create<Chatty>(), "chatty");
        Assert.Equal("done", await chatty.Ask<string>("disks"));
        var entry = Assert.Single(capture.Entries, e => e.Category == typeof(Chatty).FullName);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Equal("[fedactors://logging/user/chatty] warned about disks", entry.Message);
    }

    [Fact]
    public async Task Log_entries_are_published_as_LogEvents()
    {
        await using var system = ActorSystem.Create("events");
        var received = new TaskCompletionSource<LogEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listener = system.ActorOf(Props.Create(() => new Listener(received)));
        system.EventStream.Subscribe<LogEvent>(listener);
        await system.ActorOf(Props.Create<Chatty>(), "chatty").Ask<string>("fans");
        var logEvent = await received.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(LogLevel.Warning, logEvent.Level);
        Assert.Equal("fedactors://events/user/chatty", logEvent.LogSource);
        Assert.Equal("warned about fans", logEvent.Message);
    }

    private sealed class Listener : ReceiveActor
    {
        public Listener(TaskCompletionSource<LogEvent> received) => Receive<LogEvent>(e => received.TrySetResult(e));
    }
}
