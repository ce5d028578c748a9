using System.Collections.Concurrent;
using System.Diagnostics;
using FedActors.Actors.Core;
using Xunit.Sdk;

namespace FedActors.TestKit;

/// <summary>
/// Expectations on the messages a test actor receives. Every wait is real time (not the virtual
/// time of <see cref="ManualTimeProvider"/>), defaults to <see cref="TestKitSettings.SingleExpectDefault"/>
/// and is multiplied by <see cref="TestKitSettings.TimeFactor"/>; inside <see cref="Within(TimeSpan, Action)"/>
/// waits are capped by the block's remaining time. A failed expectation throws an xunit assertion exception.
/// </summary>
public abstract class TestKitBase
{
    private readonly BlockingCollection<ReceivedMessage> _queue = [];
    private DateTime? _deadline;

    private protected TestKitBase(ActorSystem system, TestKitSettings settings, string name)
    {
        Sys = system;
        TestKitSettings = settings;
        TestActor = system.SystemActorOf(Props.Create(() => new TestActor(_queue)), name);
    }

    /// <summary>The actor system under test.</summary>
    public ActorSystem Sys { get; }

    /// <summary>The test kit's settings.</summary>
    public TestKitSettings TestKitSettings { get; }

    /// <summary>The actor whose received messages the expectations read. Use it as sender or as a dependency of the actor under test.</summary>
    public IActorRef TestActor { get; }

    /// <summary>The sender of the last message an expectation returned.</summary>
    public IActorRef? LastSender { get; private set; }

    /// <summary>Multiplies <paramref name="duration"/> by the time factor.</summary>
    public TimeSpan Dilated(TimeSpan duration) => duration * TestKitSettings.TimeFactor;

    /// <summary>The time left in the innermost <see cref="Within(TimeSpan, Action)"/> block, or the dilated default expectation wait outside one.</summary>
    public TimeSpan Remaining => _deadline is { } d ? Max(d - DateTime.UtcNow, TimeSpan.Zero) : Dilated(TestKitSettings.SingleExpectDefault);

    /// <summary>Expects a message of type <typeparamref name="T"/> and returns it.</summary>
    public T ExpectMsg<T>(TimeSpan? timeout = null) => ExpectMsg<T>(static _ => true, timeout);

    /// <summary>Expects a message of type <typeparamref name="T"/> matching <paramref name="isMessage"/>.</summary>
    public T ExpectMsg<T>(Predicate<T> isMessage, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(isMessage);
        var wait = WaitFor(timeout);
        var received = ReceiveOne(wait) ?? throw new XunitException($"Timeout ({wait}) while waiting for a message of type {typeof(T).Name}.");
        if (received.Message is not T typed)
        {
            throw new XunitException($"Expected a message of type {typeof(T).Name}, got {received.Message.GetType().Name}: {received.Message}");
        }
        if (!isMessage(typed))
        {
            throw new XunitException($"The message {typed} of type {typeof(T).Name} does not match the expectation.");
        }
        return typed;
    }

    /// <summary>Expects a message equal to <paramref name="expected"/>.</summary>
    public T ExpectMsg<T>(T expected, TimeSpan? timeout = null)
        where T : notnull
    {
        var wait = WaitFor(timeout);
        var received = ReceiveOne(wait) ?? throw new XunitException($"Timeout ({wait}) while waiting for {expected}.");
        return received.Message is T typed && EqualityComparer<T>.Default.Equals(typed, expected)
            ? typed
            : throw new XunitException($"Expected {expected}, got {received.Message} ({received.Message.GetType().Name}).");
    }

    /// <summary>Expects that no message arrives within <paramref name="duration"/> (default <see cref="TestKitSettings.ExpectNoMessageDefault"/>, dilated).</summary>
    public void ExpectNoMsg(TimeSpan? duration = null)
    {
        var wait = WithinBlock(Dilated(duration ?? TestKitSettings.ExpectNoMessageDefault));
        if (ReceiveOne(wait) is { } received)
        {
            throw new XunitException($"Expected no message within {wait}, got {received.Message} ({received.Message.GetType().Name}).");
        }
    }

    /// <summary>Expects the <see cref="Terminated"/> of <paramref name="actor"/> (watch it first with <see cref="Watch"/>).</summary>
    public Terminated ExpectTerminated(IActorRef actor, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return ExpectMsg<Terminated>(t => t.ActorRef.Equals(actor), timeout);
    }

    /// <summary>Skips messages until one matches <paramref name="isMessage"/>, and returns it.</summary>
    public object FishForMessage(Predicate<object> isMessage, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(isMessage);
        var end = DateTime.UtcNow + WaitFor(timeout);
        while (true)
        {
            var left = Max(end - DateTime.UtcNow, TimeSpan.Zero);
            var received = ReceiveOne(left) ?? throw new XunitException("Timeout while fishing for a matching message.");
            if (isMessage(received.Message))
            {
                return received.Message;
            }
        }
    }

    /// <summary>Skips messages until one of type <typeparamref name="T"/> matches <paramref name="isMessage"/>.</summary>
    public T FishForMessage<T>(Predicate<T> isMessage, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(isMessage);
        return (T)FishForMessage(m => m is T t && isMessage(t), timeout);
    }

    /// <summary>Receives exactly <paramref name="count"/> messages within the timeout (for all of them) and returns them in order.</summary>
    public IReadOnlyList<object> ReceiveN(int count, TimeSpan? timeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var end = DateTime.UtcNow + WaitFor(timeout);
        var messages = new List<object>(count);
        while (messages.Count < count)
        {
            var received = ReceiveOne(Max(end - DateTime.UtcNow, TimeSpan.Zero))
                ?? throw new XunitException($"Timeout while receiving {count} messages; got {messages.Count}: [{string.Join(", ", messages)}].");
            messages.Add(received.Message);
        }
        return messages;
    }

    /// <summary>Receives the next message within <paramref name="timeout"/>, or null.</summary>
    public ReceivedMessage? ReceiveOne(TimeSpan timeout)
    {
        if (!_queue.TryTake(out var received, Max(timeout, TimeSpan.Zero)))
        {
            return null;
        }
        LastSender = received.Sender;
        return received;
    }

    /// <summary>Runs <paramref name="action"/>, which must finish within <paramref name="max"/> (dilated); expectations inside wait at most until then.</summary>
    public void Within(TimeSpan max, Action action) => Within(TimeSpan.Zero, max, action);

    /// <summary>Runs <paramref name="action"/>, which must take at least <paramref name="min"/> and at most <paramref name="max"/> (dilated) of real time.</summary>
    public void Within(TimeSpan min, TimeSpan max, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        Within<object?>(min, max, () =>
        {
            action();
            return null;
        });
    }

    /// <summary>Runs <paramref name="func"/> within <paramref name="max"/> (dilated) and returns its result.</summary>
    public T Within<T>(TimeSpan min, TimeSpan max, Func<T> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        var dilatedMax = Dilated(max);
        var start = Stopwatch.GetTimestamp();
        var outer = _deadline;
        var deadline = DateTime.UtcNow + dilatedMax;
        _deadline = outer is { } o && o < deadline ? o : deadline;
        try
        {
            var result = func();
            var elapsed = Stopwatch.GetElapsedTime(start);
            if (elapsed < min)
            {
                throw new XunitException($"The block took {elapsed}, less than the minimum {min}.");
            }
            if (elapsed > dilatedMax)
            {
                throw new XunitException($"The block took {elapsed}, more than the maximum {dilatedMax}.");
            }
            return result;
        }
        finally
        {
            _deadline = outer;
        }
    }

    /// <summary>Retries <paramref name="assertion"/> every <paramref name="interval"/> (default 50 ms) until it passes or <paramref name="duration"/> has passed; then rethrows its last failure.</summary>
    public void AwaitAssert(Action assertion, TimeSpan? duration = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        var end = DateTime.UtcNow + WaitFor(duration);
        var pause = interval ?? TimeSpan.FromMilliseconds(50);
        while (true)
        {
            try
            {
                assertion();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < end)
            {
                Thread.Sleep(pause);
            }
        }
    }

    /// <summary>Waits until <paramref name="condition"/> is true, checking every <paramref name="interval"/> (default 10 ms).</summary>
    public void AwaitCondition(Func<bool> condition, TimeSpan? duration = null, TimeSpan? interval = null, string? message = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var wait = WaitFor(duration);
        if (!SpinWait.SpinUntil(() =>
        {
            if (condition())
            {
                return true;
            }
            Thread.Sleep(interval ?? TimeSpan.FromMilliseconds(10));
            return false;
        }, wait))
        {
            throw new XunitException($"Condition not met within {wait}{(message is null ? "" : ": " + message)}.");
        }
    }

    /// <summary>Makes the test actor watch <paramref name="actor"/>; its <see cref="Terminated"/> then arrives as a message. Returns <paramref name="actor"/>.</summary>
    public IActorRef Watch(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        TestActor.Ask(new WatchCommand(actor), Remaining).GetAwaiter().GetResult();
        return actor;
    }

    /// <summary>Makes the test actor stop watching <paramref name="actor"/>.</summary>
    public IActorRef Unwatch(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        TestActor.Ask(new UnwatchCommand(actor), Remaining).GetAwaiter().GetResult();
        return actor;
    }

    /// <summary>Replies to <see cref="LastSender"/> with the test actor as sender.</summary>
    /// <exception cref="InvalidOperationException">No message was received yet.</exception>
    public void Reply(object message)
    {
        var target = LastSender ?? throw new InvalidOperationException("Reply needs a received message; expect one first.");
        target.Tell(message, TestActor);
    }

    // An explicit timeout is capped only by an enclosing Within block, never by the default wait.
    private TimeSpan WaitFor(TimeSpan? timeout) => timeout is { } t ? WithinBlock(Dilated(t)) : Remaining;

    private TimeSpan WithinBlock(TimeSpan wait) => _deadline is not null ? Min(wait, Remaining) : wait;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
