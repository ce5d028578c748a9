using FedActors.Actors.Dispatch;
using FedActors.Actors.Event;
using FedActors.Actors.Scheduling;
using FedActors.Actors.Supervision;
using Microsoft.Extensions.Logging;

namespace FedActors.Actors.Core;

/// <summary>
/// The runtime state of one actor: its instance, mailbox, behaviour, children, watchers and
/// supervision state. Everything except sending is done on the actor's own turn (see
/// <see cref="Mailbox"/>). State that most actors never use (watchers, stash, timers, receive
/// timeout, async handlers, failure bookkeeping) lives in a lazily allocated <see cref="Extras"/>
/// object, which keeps an idle actor small.
/// </summary>
internal sealed class ActorCell : IActorContext
{
    private const int StateNormal = 0;
    private const int StateTerminating = 1;
    private const int StateTerminated = 2;

    [ThreadStatic]
    private static ActorCell? t_current;

    private readonly IInternalActorRef _parent;
    private ActorBase? _actor;
    private Receive? _behavior;
    private object? _currentMessage;
    private IActorRef? _currentSender;
    private ChildrenContainer? _children;
    private Extras? _extras;
    private volatile int _state;

    public ActorCell(ActorSystem system, IInternalActorRef parent, ActorPath path, Props props)
    {
        System = system;
        _parent = parent;
        Props = props;
        Self = new LocalActorRef(this, path, system.NextUid());
        Mailbox = new Mailbox(this, props.Mailbox ?? system.Settings.DefaultMailbox);
    }

    /// <summary>The cell whose turn runs on this thread, or null outside actors.</summary>
    public static ActorCell? Current
    {
        get => t_current;
        set => t_current = value;
    }

    public ActorSystem System { get; }

    public Props Props { get; }

    public LocalActorRef Self { get; }

    IActorRef IActorContext.Self => Self;

    public Mailbox Mailbox { get; }

    public IActorRef Sender => _currentSender ?? System.DeadLetters;

    public IActorRef? CurrentSender => _currentSender;

    public object? CurrentMessage => _currentMessage;

    public IActorRef Parent => _parent;

    public bool IsTerminated => _state == StateTerminated;

    public bool IsCreatingActor { get; private set; }

    public IReadOnlyCollection<IActorRef> Children =>
        _children is null ? [] : _children.Snapshot().Where(c => !c.IsStopping).Select(c => (IActorRef)c.Child).ToArray();

    public ILogger Log => GetExtras().Log ??= System.CreateLogger(Props.ActorType.FullName ?? Props.ActorType.Name, Self.Path.ToString());

    public IStash Stash => GetExtras().Stash ??= NewStash();

    public ITimerScheduler Timers => GetExtras().Timers ??= new TimerScheduler(Self, System.Scheduler);

    public TimeSpan? ReceiveTimeout => _extras?.ReceiveTimeout;

    public void Start() => Mailbox.PostSystem(new Create());

    // ------------------------------------------------------------------ sending

    public void SendMessage(object message, IActorRef? sender)
    {
        if (System.Settings.SerializeMessages)
        {
            message = System.VerifySerialization(message);
        }
        if (!Mailbox.Post(message, sender))
        {
            var settings = Props.Mailbox ?? System.Settings.DefaultMailbox;
            System.RecordMailboxOverflow();
            SendToDeadLetters(new Envelope(message, sender), $"mailbox full (capacity {settings.Capacity})");
            if (settings.OverflowStrategy == OverflowStrategy.Fail)
            {
                throw new MailboxFullException(Self.Path, settings.Capacity);
            }
        }
    }

    public void SendSystemMessage(SystemMessage message) => Mailbox.PostSystem(message);

    public void SendToDeadLetters(Envelope envelope, string reason = "recipient stopped")
    {
        // Runtime events that cannot be delivered are dropped: republishing them could loop.
        if (envelope.Message is DeadLetter or LogEvent or UnhandledMessage)
        {
            return;
        }
        System.PublishDeadLetter(new DeadLetter(envelope.Message, envelope.Sender, Self, reason));
    }

    // ------------------------------------------------------------------ user messages

    public void Invoke(Envelope envelope)
    {
        _currentMessage = envelope.Message;
        _currentSender = envelope.Sender;
        try
        {
            // Restarted before the handler runs, so a reply the handler sends is a barrier after which the new timeout exists.
            if (_extras?.ReceiveTimeout is not null && envelope.Message is not INotInfluenceReceiveTimeout)
            {
                RescheduleReceiveTimeout();
            }
            if (envelope.Message is IAutoReceivedMessage)
            {
                AutoReceive(envelope.Message);
            }
            else
            {
                ReceiveMessage(envelope.Message);
            }
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e);
        }
        finally
        {
            if (_extras is not { AsyncPending: true })
            {
                _currentMessage = null;
                _currentSender = null;
            }
        }
    }

    private void ReceiveMessage(object message)
    {
        var actor = _actor!;
        if (!actor.AroundReceive(_behavior!, message))
        {
            actor.Unhandled(message);
        }
    }

    private void AutoReceive(object message)
    {
        switch (message)
        {
            case TimerMessage timer:
                if (_extras?.Timers?.Deliver(timer) is { } inner)
                {
                    _currentMessage = inner;
                    ReceiveMessage(inner);
                }
                break;
            case WatchedTerminated watched:
                if (_extras?.TerminatedQueued?.Remove(watched.Terminated.ActorRef) == true)
                {
                    _currentMessage = watched.Terminated;
                    ReceiveMessage(watched.Terminated);
                }
                break;
            case PoisonPill:
                Stop(Self);
                break;
            case Kill:
                throw new ActorKilledException($"{Self.Path} received Kill.");
            case Identify identify:
                Sender.Tell(new ActorIdentity(identify.MessageId, Self), Self);
                break;
        }
    }

    // ------------------------------------------------------------------ system messages

    public void SystemInvoke(SystemMessage message)
    {
        try
        {
            switch (message)
            {
                case Create:
                    CreateActor();
                    break;
                case Recreate recreate:
                    FaultRecreate(recreate.Cause);
                    break;
                case Suspend:
                    Mailbox.Suspend();
                    SendToChildren(static () => new Suspend());
                    break;
                case Resume resume:
                    FaultResume(resume);
                    break;
                case Terminate:
                    TerminateActor();
                    break;
                case Watch watch:
                    AddWatcher(watch);
                    break;
                case Unwatch unwatch:
                    if (unwatch.Watchee.Equals(Self))
                    {
                        _extras?.WatchedBy?.Remove(unwatch.Watcher);
                    }
                    break;
                case DeathWatchNotification notification:
                    WatchedActorTerminated(notification);
                    break;
                case Failed failed:
                    HandleFailed(failed);
                    break;
                case AsyncContinuation continuation:
                    RunContinuation(continuation);
                    break;
                case AsyncCompleted completed:
                    AsyncDone(completed);
                    break;
            }
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e);
        }
    }

    /// <summary>Answers a system message that reached the mailbox after the actor stopped: a watcher learns at once that it is gone.</summary>
    public void HandleSystemMessageAfterStop(SystemMessage message)
    {
        if (message is Watch watch && watch.Watchee.Equals(Self) && !watch.Watcher.Equals(Self))
        {
            watch.Watcher.SendSystemMessage(new DeathWatchNotification(Self, existenceConfirmed: true));
        }
    }

    private void CreateActor()
    {
        try
        {
            NewActorInstance();
            _actor!.AroundPreStart();
        }
        catch (Exception e)
        {
            throw new ActorInitializationException(Self, $"Creating {Self.Path} ({Props.ActorType.Name}) failed: {e.Message}", e);
        }
    }

    private void NewActorInstance()
    {
        IsCreatingActor = true;
        try
        {
            var actor = Props.NewActor();
            _actor = actor;
            _behavior = actor.Receive;
        }
        finally
        {
            IsCreatingActor = false;
        }
    }

    // ------------------------------------------------------------------ failure and supervision

    private void HandleInvokeFailure(Exception cause)
    {
        if (_state != StateNormal)
        {
            Log.LogError(cause, "{Actor} threw while stopping: {Message}", Self.Path, cause.Message);
            return;
        }
        var extras = GetExtras();
        if (extras.Failed)
        {
            // Already suspended and waiting for the supervisor; this exception changes nothing.
            return;
        }
        extras.Failed = true;
        extras.FailedMessage = _currentMessage;
        Mailbox.Suspend();
        SendToChildren(static () => new Suspend());
        _parent.SendSystemMessage(new Failed(Self, cause, Self.Uid));
    }

    private void HandleFailed(Failed failed)
    {
        var stats = _children?.Find(failed.Child);
        if (stats is null || stats.IsStopping)
        {
            return;
        }
        var strategy = SupervisorStrategyInstance();
        var directive = strategy.Decider(failed.Cause);
        if (strategy.LoggingEnabled && directive != Directive.Escalate)
        {
            LogFailure(failed, directive);
        }
        switch (directive)
        {
            case Directive.Resume:
                failed.Child.SendSystemMessage(new Resume(failed.Cause));
                break;
            case Directive.Restart:
            case Directive.Stop:
                strategy.ProcessFailure(this, directive == Directive.Restart, stats, failed.Cause, _children!.Snapshot().Where(c => !c.IsStopping).ToArray());
                break;
            default:
                HandleInvokeFailure(failed.Cause);
                break;
        }
    }

    private void LogFailure(Failed failed, Directive directive)
    {
        var logger = System.CreateLogger(typeof(SupervisorStrategy).FullName!, failed.Child.Path.ToString());
        var level = directive == Directive.Resume ? LogLevel.Warning : LogLevel.Error;
        logger.Log(level, failed.Cause, "{Exception}: {Message} (supervisor {Supervisor} decided {Directive})",
            failed.Cause.GetType().Name, failed.Cause.Message, Self.Path, directive);
    }

    private SupervisorStrategy SupervisorStrategyInstance() =>
        Props.SupervisorStrategy ?? (GetExtras().Strategy ??= _actor?.SupervisorStrategy() ?? SupervisorStrategy.DefaultStrategy);

    private void FaultResume(Resume resume)
    {
        if (_state != StateNormal)
        {
            return;
        }
        if (resume.CausedByFailure is { } cause && _actor is null)
        {
            // There is no instance to resume when creation failed: create one, as Akka does.
            FaultRecreate(cause);
            return;
        }
        if (resume.CausedByFailure is not null && _extras is { } extras)
        {
            extras.Failed = false;
            extras.FailedMessage = null;
        }
        Mailbox.Resume();
        SendToChildren(static () => new Resume(null));
    }

    private void FaultRecreate(Exception cause)
    {
        if (_state != StateNormal)
        {
            return;
        }
        if (_actor is not { } failedActor)
        {
            // The constructor or PreStart failed: create afresh.
            ClearFailure();
            Mailbox.Resume();
            CreateActor();
            return;
        }
        try
        {
            failedActor.AroundPreRestart(cause, _extras?.FailedMessage);
        }
        catch (Exception e)
        {
            Log.LogError(e, "PreRestart of {Actor} threw: {Message}", Self.Path, e.Message);
        }
        finally
        {
            ClearActorState(toDeadLetters: false);
        }
        if (_children?.AnyStopping == true)
        {
            GetExtras().PendingRecreate = cause;
        }
        else
        {
            FinishRecreate(cause);
        }
    }

    private void FinishRecreate(Exception cause)
    {
        var survivors = _children?.Snapshot().Where(c => !c.IsStopping).ToArray() ?? [];
        ClearFailure();
        Mailbox.Resume();
        try
        {
            NewActorInstance();
            _actor!.AroundPostRestart(cause);
        }
        catch (Exception e)
        {
            throw new ActorInitializationException(Self, $"Restarting {Self.Path} ({Props.ActorType.Name}) failed: {e.Message}", e);
        }
        foreach (var survivor in survivors)
        {
            survivor.Child.SendSystemMessage(new Recreate(cause));
        }
    }

    private void ClearFailure()
    {
        if (_extras is { } extras)
        {
            extras.Failed = false;
            extras.FailedMessage = null;
        }
    }

    private void ClearActorState(bool toDeadLetters)
    {
        if (_extras is not { } extras)
        {
            return;
        }
        extras.Timers?.CancelAll();
        extras.Timers = null;
        extras.ReceiveTimeoutTask?.Cancel();
        extras.ReceiveTimeoutTask = null;
        extras.ReceiveTimeout = null;
        extras.Behaviors = null;
        extras.Strategy = null;
        foreach (var stash in extras.Stashes ?? [])
        {
            if (toDeadLetters)
            {
                stash.DrainToDeadLetters();
            }
            else
            {
                stash.UnstashAll();
            }
        }
        extras.Stashes = null;
        extras.Stash = null;
    }

    private void SendToChildren(Func<SystemMessage> message)
    {
        if (_children is null)
        {
            return;
        }
        foreach (var child in _children.Snapshot())
        {
            if (!child.IsStopping)
            {
                child.Child.SendSystemMessage(message());
            }
        }
    }

    // ------------------------------------------------------------------ children

    public IActorRef ActorOf(Props props, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(props);
        if (name is null)
        {
            name = System.NextRandomName();
        }
        else if (!ActorPath.IsValidElement(name) || name[0] == '$')
        {
            throw new InvalidActorNameException($"Actor name '{name}' is invalid: use ASCII letters, digits and -_.*+:@&=,!~'; and do not start with '$' (reserved for generated names).");
        }
        return CreateChild(props, name);
    }

    /// <summary>Creates a child without name checks (the runtime's own names such as "user").</summary>
    public LocalActorRef CreateChild(Props props, string name)
    {
        if (_state != StateNormal)
        {
            throw new IllegalActorStateException($"{Self.Path} is stopping; it cannot create child '{name}'.");
        }
        var children = _children ?? Interlocked.CompareExchange(ref _children, new ChildrenContainer(), null) ?? _children!;
        var cell = new ActorCell(System, Self, Self.Path.Child(name), props);
        children.Reserve(name, new ChildRestartStats(cell.Self), Self.Path);
        cell.Start();
        return cell.Self;
    }

    public IActorRef? Child(string name) => _children?.FindByName(name);

    /// <summary>Looks up a child by name for path resolution (any thread).</summary>
    public IInternalActorRef? GetChild(string name) => _children?.FindByName(name);

    public void Stop(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor is IInternalActorRef target)
        {
            _children?.MarkStopping(target);
            target.SendSystemMessage(new Terminate());
        }
    }

    // ------------------------------------------------------------------ termination

    private void TerminateActor()
    {
        if (_state != StateNormal)
        {
            return;
        }
        _state = StateTerminating;
        Mailbox.Suspend();
        if (_extras?.Watching is { } watching)
        {
            foreach (var watchee in watching)
            {
                ((IInternalActorRef)watchee).SendSystemMessage(new Unwatch((IInternalActorRef)watchee, Self));
            }
            watching.Clear();
        }
        var children = _children?.Snapshot() ?? [];
        if (children.Length == 0)
        {
            FinishTerminate();
            return;
        }
        GetExtras().PendingTerminate = true;
        foreach (var child in children)
        {
            _children!.MarkStopping(child.Child);
            child.Child.SendSystemMessage(new Terminate());
        }
    }

    private void FinishTerminate()
    {
        try
        {
            _actor?.AroundPostStop();
        }
        catch (Exception e)
        {
            Log.LogError(e, "PostStop of {Actor} threw: {Message}", Self.Path, e.Message);
        }
        finally
        {
            ClearActorState(toDeadLetters: true);
            _state = StateTerminated;
            Mailbox.Close();
            if (_extras?.WatchedBy is { } watchers)
            {
                foreach (var watcher in watchers)
                {
                    ((IInternalActorRef)watcher).SendSystemMessage(new DeathWatchNotification(Self, existenceConfirmed: true));
                }
            }
            _parent.SendSystemMessage(new DeathWatchNotification(Self, existenceConfirmed: true));
            _actor = null;
            _behavior = null;
            _extras = null;
        }
    }

    // ------------------------------------------------------------------ death watch

    public IActorRef Watch(IActorRef subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (subject is IInternalActorRef target && !target.Equals(Self) && (GetExtras().Watching ??= []).Add(target))
        {
            target.SendSystemMessage(new Watch(target, Self));
        }
        return subject;
    }

    public IActorRef Unwatch(IActorRef subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (subject is IInternalActorRef target && _extras?.Watching?.Remove(target) == true)
        {
            target.SendSystemMessage(new Unwatch(target, Self));
        }
        _extras?.TerminatedQueued?.Remove(subject);
        return subject;
    }

    private void AddWatcher(Watch watch)
    {
        if (watch.Watchee.Equals(Self) && !watch.Watcher.Equals(Self))
        {
            (GetExtras().WatchedBy ??= []).Add(watch.Watcher);
        }
    }

    private void WatchedActorTerminated(DeathWatchNotification notification)
    {
        var actor = notification.Actor;
        if (_extras?.Watching?.Remove(actor) == true && _state == StateNormal)
        {
            (_extras.TerminatedQueued ??= []).Add(actor);
            Mailbox.Post(new WatchedTerminated(new Terminated(actor, notification.ExistenceConfirmed)), actor);
        }
        if (_children?.Remove(actor) != true || _extras is not { } extras)
        {
            return;
        }
        if (extras.PendingTerminate && _children.Count == 0)
        {
            FinishTerminate();
        }
        else if (extras.PendingRecreate is { } cause && !_children.AnyStopping)
        {
            extras.PendingRecreate = null;
            FinishRecreate(cause);
        }
    }

    // ------------------------------------------------------------------ behaviour

    public void Become(Receive receive)
    {
        ArgumentNullException.ThrowIfNull(receive);
        _behavior = receive;
    }

    public void BecomeStacked(Receive receive)
    {
        ArgumentNullException.ThrowIfNull(receive);
        (GetExtras().Behaviors ??= new Stack<Receive>()).Push(_behavior!);
        _behavior = receive;
    }

    public void Unbecome()
    {
        _behavior = _extras?.Behaviors is { Count: > 0 } stack ? stack.Pop() : _actor!.Receive;
    }

    public IStash CreateStash() => NewStash();

    private Stash NewStash()
    {
        var stash = new Stash(this);
        (GetExtras().Stashes ??= []).Add(stash);
        return stash;
    }

    public void SetReceiveTimeout(TimeSpan? timeout)
    {
        if (timeout is { } t && t <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "A receive timeout must be positive, or null to turn it off.");
        }
        var extras = GetExtras();
        extras.ReceiveTimeout = timeout;
        extras.ReceiveTimeoutTask?.Cancel();
        extras.ReceiveTimeoutTask = null;
        if (timeout is not null)
        {
            RescheduleReceiveTimeout();
        }
    }

    private void RescheduleReceiveTimeout()
    {
        var extras = _extras!;
        extras.ReceiveTimeoutTask?.Cancel();
        extras.ReceiveTimeoutTask = System.Scheduler.ScheduleTellOnce(extras.ReceiveTimeout!.Value, Self, Core.ReceiveTimeout.Instance, null);
    }

    // ------------------------------------------------------------------ async handlers

    public void RunTask<TState>(Func<TState, Task> action, TState state)
    {
        var extras = GetExtras();
        if (extras.AsyncPending)
        {
            throw new IllegalActorStateException($"{Self.Path} started a second async handler within one message; await inside one handler instead.");
        }
        var context = extras.SyncContext ??= new ActorSynchronizationContext(this);
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(context);
        Task task;
        try
        {
            task = action(state);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
        if (task.IsCompleted)
        {
            task.GetAwaiter().GetResult();
            return;
        }
        extras.AsyncPending = true;
        extras.AsyncMessage = _currentMessage;
        extras.AsyncSender = _currentSender;
        Mailbox.Suspend();
        task.ContinueWith(static (t, s) => ((ActorCell)s!).SendSystemMessage(new AsyncCompleted(t)), this,
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private void RunContinuation(AsyncContinuation continuation)
    {
        var extras = GetExtras();
        _currentMessage = extras.AsyncMessage;
        _currentSender = extras.AsyncSender;
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(extras.SyncContext);
        try
        {
            continuation.Callback(continuation.State);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    private void AsyncDone(AsyncCompleted completed)
    {
        var extras = GetExtras();
        if (!extras.AsyncPending)
        {
            return;
        }
        extras.AsyncPending = false;
        Mailbox.Resume();
        _currentMessage = extras.AsyncMessage;
        _currentSender = extras.AsyncSender;
        extras.AsyncMessage = null;
        extras.AsyncSender = null;
        try
        {
            if (completed.Task.IsFaulted)
            {
                HandleInvokeFailure(completed.Task.Exception!.InnerException ?? completed.Task.Exception);
            }
            else if (completed.Task.IsCanceled)
            {
                HandleInvokeFailure(new TaskCanceledException(completed.Task));
            }
            else if (extras.ReceiveTimeout is not null)
            {
                RescheduleReceiveTimeout();
            }
        }
        finally
        {
            _currentMessage = null;
            _currentSender = null;
        }
    }

    private Extras GetExtras() => _extras ??= new Extras();

    /// <summary>State most actors never need, allocated on first use.</summary>
    private sealed class Extras
    {
        public HashSet<IActorRef>? Watching;
        public HashSet<IActorRef>? WatchedBy;
        public HashSet<IActorRef>? TerminatedQueued;
        public Stash? Stash;
        public List<Stash>? Stashes;
        public TimerScheduler? Timers;
        public TimeSpan? ReceiveTimeout;
        public ICancelable? ReceiveTimeoutTask;
        public Stack<Receive>? Behaviors;
        public ActorSynchronizationContext? SyncContext;
        public bool AsyncPending;
        public object? AsyncMessage;
        public IActorRef? AsyncSender;
        public bool Failed;
        public object? FailedMessage;
        public Exception? PendingRecreate;
        public bool PendingTerminate;
        public ActorLogger? Log;
        public SupervisorStrategy? Strategy;
    }
}
