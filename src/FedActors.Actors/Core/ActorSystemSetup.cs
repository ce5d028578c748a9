using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FedActors.Actors.Core;

/// <summary>What an <see cref="ActorSystem"/> is built from: its settings and the services it uses.</summary>
public sealed record ActorSystemSetup
{
    /// <summary>The validated settings; <see cref="ActorSettings.Default"/> unless given.</summary>
    public ActorSettings Settings { get; init; } = ActorSettings.Default;

    /// <summary>The clock of the scheduler, timers, receive timeouts, Ask timeouts and supervision windows.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where actor and runtime logs go (besides the event stream).</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;
}
