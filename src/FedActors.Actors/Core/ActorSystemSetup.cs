using FedActors.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FedActors.Actors.Core;

/// <summary>What an <see cref="ActorSystem"/> is built from: its settings and the services it uses.</summary>
public sealed record ActorSystemSetup
{
    /// <summary>The whole configuration (reference defaults unless given); other areas (persistence, remote) read their sections from <see cref="ActorSystem.Config"/>.</summary>
    public Config Config { get; init; } = ConfigFactory.Reference;

    /// <summary>The actor settings; when null they are read from <see cref="Config"/>'s <c>fedactors.actor</c> section.</summary>
    public ActorSettings? Settings { get; init; }

    /// <summary>The clock of the scheduler, timers, receive timeouts, Ask timeouts and supervision windows.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where actor and runtime logs go (besides the event stream).</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;
}
