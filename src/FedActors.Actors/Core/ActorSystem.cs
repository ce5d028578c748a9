using System.Collections.Concurrent;
using System.Globalization;
using FedActors.Actors.Event;
using FedActors.Actors.Scheduling;
using FedActors.Actors.Serialization;
using FedActors.Configuration;
using Microsoft.Extensions.Logging;

namespace FedActors.Actors.Core;

/// <summary>
/// A named hierarchy of actors with its runtime services: the scheduler on an injected
/// <see cref="System.TimeProvider"/>, the <see cref="EventStream"/>, the serializer registry, dead
/// letters and logging through <see cref="ILoggerFactory"/>. Top-level actors are created with
/// <see cref="ActorOf"/> under <c>/user</c>; the runtime's own under <c>/system</c>.
/// <see cref="Terminate"/> stops every actor (children before parents) and completes
/// <see cref="WhenTerminated"/>; <c>CoordinatedShutdown</c> runs ordered shutdown tasks first.
/// </summary>
public sealed class ActorSystem : IAsyncDisposable
{
    private readonly TaskCompletionSource _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TimeProviderScheduler _scheduler;
    private readonly ConcurrentDictionary<Type, object> _extensions = new();
    private readonly ActorLogger _log;
    private IActorRefProvider? _remoteProvider;
    private long _uid;
    private long _nameCounter;
    private long _deadLetterCount;
    private long _overflowCount;

    private ActorSystem(string name, ActorSystemSetup setup)
    {
        Name = name;
        Config = setup.Config;
        Settings = setup.Settings ?? ActorSettings.FromConfig(setup.Config.GetConfig("fedactors.actor"));
        TimeProvider = setup.TimeProvider;
        LoggerFactory = setup.LoggerFactory;
        _scheduler = new TimeProviderScheduler(TimeProvider);
        EventStream = new EventStream();
        Serialization = new SerializerRegistry();
        _log = CreateLogger(typeof(ActorSystem).FullName!, name);
        LocalProvider = new LocalActorRefProvider(this);
    }

    /// <summary>Creates and starts an actor system.</summary>
    /// <param name="name">The system name: ASCII letters, digits, '-' and '_' (it appears in every actor path).</param>
    /// <param name="setup">Settings, clock and logger factory; defaults when omitted.</param>
    /// <exception cref="ArgumentException">The name is invalid.</exception>
    public static ActorSystem Create(string name, ActorSystemSetup? setup = null)
    {
        Address.ValidateSystemName(name);
        return new ActorSystem(name, setup ?? new ActorSystemSetup());
    }

    /// <summary>The system's name.</summary>
    public string Name { get; }

    /// <summary>Creates and starts an actor system configured by <paramref name="config"/> (which should have the reference as fallback, as <see cref="ConfigFactory.Load"/> gives).</summary>
    /// <exception cref="ConfigException">A <c>fedactors.actor</c> setting is missing or invalid.</exception>
    public static ActorSystem Create(string name, Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return Create(name, new ActorSystemSetup { Config = config });
    }

    /// <summary>The whole configuration the system was created with.</summary>
    public Config Config { get; }

    /// <summary>The system's validated settings.</summary>
    public ActorSettings Settings { get; }

    /// <summary>The clock of every timeout in the system.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The logger factory actors log through.</summary>
    public ILoggerFactory LoggerFactory { get; }

    /// <summary>The system's scheduler.</summary>
    public IScheduler Scheduler => _scheduler;

    /// <summary>The system's event stream.</summary>
    public EventStream EventStream { get; }

    /// <summary>The serializer registry used by <c>serialize-messages</c> and by transports.</summary>
    public SerializerRegistry Serialization { get; }

    /// <summary>Resolves paths to references: the local provider, or the remote one once a transport is installed.</summary>
    public IActorRefProvider Provider => _remoteProvider ?? LocalProvider;

    internal LocalActorRefProvider LocalProvider { get; }

    /// <summary>Where undeliverable messages go (each is published as a <see cref="DeadLetter"/>).</summary>
    public IActorRef DeadLetters => LocalProvider.DeadLetters;

    /// <summary>The runtime's logger (source: the system name).</summary>
    public ILogger Log => _log;

    /// <summary>Completes when every actor has stopped.</summary>
    public Task WhenTerminated => _terminated.Task;

    /// <summary>The number of dead letters so far.</summary>
    public long DeadLetterCount => Interlocked.Read(ref _deadLetterCount);

    /// <summary>The number of messages refused by full bounded mailboxes so far (each also counted as a dead letter).</summary>
    public long MailboxOverflowCount => Interlocked.Read(ref _overflowCount);

    /// <summary>Creates a top-level actor under <c>/user</c>.</summary>
    /// <exception cref="InvalidActorNameException">The name is invalid or taken.</exception>
    public IActorRef ActorOf(Props props, string? name = null) => LocalProvider.UserGuardian.ActorOf(props, name);

    /// <summary>Creates a runtime actor under <c>/system</c> (loggers, journals, test actors); it outlives every user actor during shutdown.</summary>
    public IActorRef SystemActorOf(Props props, string? name = null) => LocalProvider.SystemGuardian.ActorOf(props, name);

    /// <summary>Stops an actor asynchronously.</summary>
    public void Stop(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor is IInternalActorRef target)
        {
            target.SendSystemMessage(new Terminate());
        }
    }

    /// <summary>The reference for a path (see <see cref="IActorRefProvider.ResolveActorRef"/>).</summary>
    public IActorRef ResolveActorRef(ActorPath path) => Provider.ResolveActorRef(path);

    /// <summary>The reference for a path given as text, e.g. <c>fedactors://sys/user/a</c>.</summary>
    /// <exception cref="FormatException">The text is not an actor path.</exception>
    public IActorRef ResolveActorRef(string path) => Provider.ResolveActorRef(ActorPath.Parse(path));

    /// <summary>Returns the extension of type <typeparamref name="T"/>, creating it once per system with <paramref name="factory"/>.</summary>
    public T GetOrAddExtension<T>(Func<ActorSystem, T> factory)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(factory);
        return (T)_extensions.GetOrAdd(typeof(T), static (_, s) => s.factory(s.system), (factory, system: this));
    }

    /// <summary>Stops all actors: <c>/user</c> first, then <c>/system</c>. Returns <see cref="WhenTerminated"/>.</summary>
    public Task Terminate()
    {
        Stop(LocalProvider.UserGuardian.Self);
        return WhenTerminated;
    }

    /// <summary>Terminates the system and waits for it.</summary>
    public async ValueTask DisposeAsync() => await Terminate().ConfigureAwait(false);

    /// <inheritdoc/>
    public override string ToString() => LocalProvider.RootPath.Address.ToString();

    /// <summary>
    /// Installs the provider of a remote transport (FedActors.Remote): it answers paths with other systems'
    /// addresses and delegates local ones to <see cref="LocalProvider"/>. Only one may be installed.
    /// </summary>
    internal void InstallRemoteProvider(IActorRefProvider provider)
    {
        if (Interlocked.CompareExchange(ref _remoteProvider, provider, null) is not null)
        {
            throw new InvalidOperationException($"Actor system '{Name}' already has a remote transport installed.");
        }
    }

    internal long NextUid() => Interlocked.Increment(ref _uid);

    internal string NextRandomName() => "$" + Interlocked.Increment(ref _nameCounter).ToString(CultureInfo.InvariantCulture);

    internal ActorLogger CreateLogger(string category, string logSource) =>
        new(LoggerFactory.CreateLogger(category), EventStream, TimeProvider, Settings.LogLevel, logSource);

    internal void RecordMailboxOverflow() => Interlocked.Increment(ref _overflowCount);

    internal void PublishDeadLetter(DeadLetter deadLetter)
    {
        var count = Interlocked.Increment(ref _deadLetterCount);
        if (count <= Settings.LogDeadLetters && !_terminated.Task.IsCompleted)
        {
            _log.LogInformation("Message {MessageType} from {Sender} to {Recipient} was not delivered ({Reason}); dead letter {Count} of {Limit} logged (fedactors.actor.log-dead-letters).",
                deadLetter.Message.GetType().Name, deadLetter.Sender?.Path.ToString() ?? "no sender", deadLetter.Recipient.Path, deadLetter.Reason, count, Settings.LogDeadLetters);
        }
        EventStream.Publish(deadLetter);
    }

    internal object VerifySerialization(object message)
    {
        if (message is INoSerializationVerificationNeeded)
        {
            return message;
        }
        return Serialization.Deserialize(Serialization.Serialize(message));
    }

    internal void OnRootTerminated()
    {
        _scheduler.Dispose();
        _terminated.TrySetResult();
    }
}
