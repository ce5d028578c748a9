using System.Runtime.CompilerServices;
using FedActors.Actors.Core;
using Xunit.Sdk;

namespace FedActors.TestKit;

/// <summary>
/// Counts matching events (log events or dead letters) on the event stream while a block runs, and
/// asserts the count: <see cref="ExpectOne(Action)"/> waits (real time, dilated) until one matching
/// event arrived and fails if none or more than one did.
/// </summary>
public sealed class EventFilter
{
    private readonly TestKitBase _kit;
    private readonly Type _channel;
    private readonly Predicate<object> _matches;

    internal EventFilter(TestKitBase kit, Type channel, Predicate<object> matches)
    {
        _kit = kit;
        _channel = channel;
        _matches = matches;
    }

    /// <summary>Runs <paramref name="action"/> and expects exactly one matching event.</summary>
    public void ExpectOne(Action action) => Expect(1, action);

    /// <summary>Runs <paramref name="action"/> and expects exactly <paramref name="count"/> matching events within the timeout (default: the expectation default).</summary>
    public void Expect(int count, Action action, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        ExpectAsync(count, () =>
        {
            action();
            return Task.CompletedTask;
        }, timeout).GetAwaiter().GetResult();
    }

    /// <summary>Runs the asynchronous <paramref name="action"/> and expects exactly one matching event.</summary>
    public Task ExpectOneAsync(Func<Task> action) => ExpectAsync(1, action);

    /// <summary>Runs the asynchronous <paramref name="action"/> and expects exactly <paramref name="count"/> matching events.</summary>
    public async Task ExpectAsync(int count, Func<Task> action, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var counter = new StrongBox<int>();
        var listener = _kit.Sys.SystemActorOf(Props.Create(() => new CountingListener(_matches, counter)));
        _kit.Sys.EventStream.Subscribe(listener, _channel);
        try
        {
            await action().ConfigureAwait(false);
            var wait = timeout is { } t ? _kit.Dilated(t) : _kit.Remaining;
            var end = DateTime.UtcNow + wait;
            while (Volatile.Read(ref counter.Value) < count && DateTime.UtcNow < end)
            {
                await Task.Delay(10).ConfigureAwait(false);
            }
            if (count == 0)
            {
                await Task.Delay(_kit.Dilated(_kit.TestKitSettings.ExpectNoMessageDefault)).ConfigureAwait(false);
            }
            var seen = Volatile.Read(ref counter.Value);
            if (seen != count)
            {
                throw new XunitException($"Expected {count} matching {_channel.Name} event(s) within {wait}, got {seen}.");
            }
        }
        finally
        {
            _kit.Sys.EventStream.Unsubscribe(listener);
            _kit.Sys.Stop(listener);
        }
    }

    private sealed class CountingListener(Predicate<object> matches, StrongBox<int> counter) : ActorBase
    {
        protected override bool Receive(object message)
        {
            if (matches(message))
            {
                Interlocked.Increment(ref counter.Value);
            }
            return true;
        }
    }
}
