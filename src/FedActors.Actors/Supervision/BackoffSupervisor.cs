using FedActors.Actors.Core;
using FedActors.Actors.Serialization;

namespace FedActors.Actors.Supervision;

/// <summary>
/// Supervises one child and restarts it with exponential backoff (see <see cref="BackoffOptions"/>),
/// for children that depend on something that may be down for a while (a database, a peer). Other
/// messages are forwarded to the child, or become dead letters while it is down. The delays run on
/// the actor's timers, so they obey the system's <see cref="TimeProvider"/>.
/// </summary>
public sealed class BackoffSupervisor : ActorBase
{
    private readonly BackoffOptions _options;
    private IActorRef? _child;
    private long _childStarted;
    private bool _childFailed;
    private int _restartCount;

    private BackoffSupervisor(BackoffOptions options)
    {
        _options = options;
    }

    /// <summary>Props of a backoff supervisor for <paramref name="options"/>.</summary>
    public static Core.Props Props(BackoffOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Core.Props.Create(() => new BackoffSupervisor(options));
    }

    /// <summary>Asks for the current child; the answer is <see cref="CurrentChild"/>.</summary>
    public sealed class GetCurrentChild : INoSerializationVerificationNeeded
    {
        private GetCurrentChild()
        {
        }

        /// <summary>The single instance.</summary>
        public static GetCurrentChild Instance { get; } = new();
    }

    /// <summary>The current child, or null while it is waiting to be restarted.</summary>
    /// <param name="Ref">The child.</param>
    public sealed record CurrentChild(IActorRef? Ref) : INoSerializationVerificationNeeded;

    /// <summary>Asks for the number of consecutive restarts; the answer is <see cref="RestartCount"/>.</summary>
    public sealed class GetRestartCount : INoSerializationVerificationNeeded
    {
        private GetRestartCount()
        {
        }

        /// <summary>The single instance.</summary>
        public static GetRestartCount Instance { get; } = new();
    }

    /// <summary>The number of consecutive restarts so far.</summary>
    /// <param name="Count">The count.</param>
    public sealed record RestartCount(int Count) : INoSerializationVerificationNeeded;

    private sealed class StartChild : INoSerializationVerificationNeeded
    {
        public static StartChild Instance { get; } = new();
    }

    /// <inheritdoc/>
    protected internal override void PreStart() => Start();

    /// <inheritdoc/>
    protected internal override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(e =>
    {
        if (_options.Mode == BackoffMode.OnStop)
        {
            return Supervision.SupervisorStrategy.DefaultDecider(e);
        }
        _childFailed = true;
        return Directive.Stop;
    });

    /// <inheritdoc/>
    protected internal override bool Receive(object message)
    {
        switch (message)
        {
            case Terminated terminated when terminated.ActorRef.Equals(_child):
                OnChildTerminated();
                return true;
            case StartChild:
                Start();
                return true;
            case GetCurrentChild:
                Sender.Tell(new CurrentChild(_child), Self);
                return true;
            case GetRestartCount:
                Sender.Tell(new RestartCount(_restartCount), Self);
                return true;
            case Terminated:
                return false;
            default:
                (_child ?? Context.System.DeadLetters).Forward(message);
                return true;
        }
    }

    private void Start()
    {
        _child = Context.Watch(Context.ActorOf(_options.ChildProps, _options.ChildName));
        _childStarted = Context.System.TimeProvider.GetTimestamp();
    }

    private void OnChildTerminated()
    {
        _child = null;
        var failed = _childFailed;
        _childFailed = false;
        if (_options.Mode == BackoffMode.OnFailure && !failed)
        {
            Context.Stop(Self);
            return;
        }
        if (Context.System.TimeProvider.GetElapsedTime(_childStarted) >= _options.ResetBackoffAfter)
        {
            _restartCount = 0;
        }
        var delay = _options.Delay(_restartCount);
        if (_options.RandomFactor > 0)
        {
            delay += delay * (_options.Random.NextDouble() * _options.RandomFactor);
        }
        _restartCount++;
        Context.Timers.StartSingleTimer(StartChild.Instance, StartChild.Instance, delay);
    }
}
