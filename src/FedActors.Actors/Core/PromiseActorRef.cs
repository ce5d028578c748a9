namespace FedActors.Actors.Core;

/// <summary>The temporary reference behind one <c>Ask</c>: the first message it receives completes the task; the timeout (on the system's clock) fails it.</summary>
internal sealed class PromiseActorRef : ActorRefBase
{
    private readonly ActorSystem _system;
    private readonly LocalActorRefProvider _provider;
    private readonly TaskCompletionSource<object> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ITimer _timer;
    private readonly string _timeoutMessage;
    private readonly CancellationTokenRegistration _cancellation;

    public PromiseActorRef(ActorSystem system, LocalActorRefProvider provider, IActorRef target, object message, TimeSpan timeout, CancellationToken cancellationToken)
        : base(provider.NewTempPath(), 0)
    {
        _system = system;
        _provider = provider;
        provider.RegisterTemp(this);
        _timeoutMessage = $"Ask to {target.Path} timed out after {timeout} waiting for a reply to a {message.GetType().Name}.";
        _timer = system.TimeProvider.CreateTimer(
            static s => ((PromiseActorRef)s!).TimedOut(), this, timeout, Timeout.InfiniteTimeSpan);
        if (cancellationToken.CanBeCanceled)
        {
            _cancellation = cancellationToken.Register(static s => ((PromiseActorRef)s!).Cancel(), this);
        }
    }

    public Task<object> Task => _completion.Task;

    public override ActorSystem System => _system;

    public override bool IsTerminated => _completion.Task.IsCompleted;

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message is Status.Failure failure)
        {
            Fail(failure.Cause);
        }
        else if (_completion.TrySetResult(message))
        {
            Cleanup();
        }
        else
        {
            _system.DeadLetters.Tell(message, sender);
        }
    }

    public override void SendSystemMessage(SystemMessage message)
    {
        if (message is Watch watch)
        {
            watch.Watcher.SendSystemMessage(new DeathWatchNotification(this, existenceConfirmed: false));
        }
    }

    private void TimedOut() => Fail(new AskTimeoutException(_timeoutMessage));

    private void Fail(Exception cause)
    {
        if (_completion.TrySetException(cause))
        {
            Cleanup();
        }
    }

    private void Cancel()
    {
        if (_completion.TrySetCanceled())
        {
            Cleanup();
        }
    }

    private void Cleanup()
    {
        _timer.Dispose();
        _cancellation.Dispose();
        _provider.UnregisterTemp(Path);
    }
}
