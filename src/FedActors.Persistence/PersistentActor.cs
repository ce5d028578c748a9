using FedActors.Actors.Core;
using FedActors.Actors.Serialization;
using FedActors.Persistence.Journal;
using FedActors.Persistence.Snapshots;
using Microsoft.Extensions.Logging;

namespace FedActors.Persistence;

/// <summary>
/// An event-sourced actor after Akka.Persistence's <c>PersistentActor</c>. On start (and restart)
/// it recovers: the latest snapshot (as <see cref="SnapshotOffer"/>), then the journaled events,
/// then <see cref="RecoveryCompleted"/>, all through <see cref="ReceiveRecover"/>; commands wait
/// until recovery is complete. A command handler calls <see cref="Persist{TEvent}"/>,
/// <see cref="PersistAll{TEvent}"/> or <see cref="Defer{TEvent}"/>; once it returns, the events are
/// serialized with the system's serializer registry and written to the journal in one call, and
/// commands wait until every handler has run (in call order, with <see cref="ActorBase.Sender"/>
/// still the command's sender). A write failure stops the actor and logs why
/// (<see cref="OnPersistFailure"/>); an event that cannot be serialized is rejected, logged, its
/// handler not called, and the actor keeps running (<see cref="OnPersistRejected"/>); a recovery
/// failure (broken hash chain, undecodable event, unavailable database) stops the actor and logs
/// why (<see cref="OnRecoveryFailure"/>). Do not start other asynchronous handlers
/// (<see cref="ActorBase.RunTask"/>) in a handler that persists.
/// </summary>
public abstract class PersistentActor : ActorBase
{
    private readonly string _writerUuid = Guid.NewGuid().ToString("N");
    private readonly List<Invocation> _pending = [];
    private PersistenceExtension? _persistence;
    private long _groups;

    /// <summary>Identifies this entity's event stream; must be stable across incarnations and unique among writers.</summary>
    public abstract string PersistenceId { get; }

    /// <summary>Sequence number of the last event recovered or persisted (inside a persist handler: that event's).</summary>
    public long LastSequenceNr { get; private set; }

    /// <summary>Sequence number of the snapshot recovery started from, or 0.</summary>
    public long SnapshotSequenceNr { get; private set; }

    /// <summary>True until <see cref="RecoveryCompleted"/> has been delivered.</summary>
    public bool IsRecovering { get; private set; } = true;

    /// <summary>How this actor recovers; <see cref="Recovery.Default"/> unless overridden.</summary>
    protected virtual Recovery Recovery => Recovery.Default;

    private PersistenceExtension Extension => _persistence ??= PersistenceExtension.Get(Context.System);

    /// <summary>Handles a <see cref="SnapshotOffer"/>, a replayed event or <see cref="RecoveryCompleted"/>; returns false for anything it does not handle.</summary>
    protected abstract bool ReceiveRecover(object message);

    /// <summary>Handles a command; returns false to leave it unhandled.</summary>
    protected abstract bool ReceiveCommand(object message);

    /// <inheritdoc/>
    protected sealed override bool Receive(object message) => ReceiveCommand(message);

    /// <summary>Runs the current behaviour, then writes what it persisted.</summary>
    protected override bool AroundReceive(Receive receive, object message)
    {
        var handled = base.AroundReceive(receive, message);
        if (_pending.Count > 0)
        {
            RunTask(FlushAsync);
        }

        return handled;
    }

    /// <summary>Starts the actor, then recovers it.</summary>
    protected override void AroundPreStart()
    {
        base.AroundPreStart();
        RunTask(RecoverAsync);
    }

    /// <summary>Restarts the actor, then recovers it again from the journal.</summary>
    protected override void AroundPostRestart(Exception reason)
    {
        base.AroundPostRestart(reason);
        RunTask(RecoverAsync);
    }

    /// <summary>Drops persist calls of the failed incarnation before restarting.</summary>
    protected override void AroundPreRestart(Exception reason, object? message)
    {
        _pending.Clear();
        base.AroundPreRestart(reason, message);
    }

    /// <summary>Persists <paramref name="event"/> (wrap it in <see cref="Tagged"/> to tag it) and calls <paramref name="handler"/> with it once it is stored.</summary>
    /// <exception cref="InvalidOperationException">When called during recovery.</exception>
    protected void Persist<TEvent>(TEvent @event, Action<TEvent> handler)
        where TEvent : notnull
    {
        ArgumentNullException.ThrowIfNull(handler);
        EnsureNotRecovering(nameof(Persist));
        _pending.Add(new Invocation(@event, e => handler((TEvent)e), ++_groups, Stored: true));
    }

    /// <summary>Persists <paramref name="events"/> atomically (all or none) and calls <paramref name="handler"/> for each once they are stored.</summary>
    /// <exception cref="InvalidOperationException">When called during recovery.</exception>
    protected void PersistAll<TEvent>(IEnumerable<TEvent> events, Action<TEvent> handler)
        where TEvent : notnull
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(handler);
        EnsureNotRecovering(nameof(PersistAll));
        var group = ++_groups;
        foreach (var e in events)
        {
            _pending.Add(new Invocation(e, x => handler((TEvent)x), group, Stored: true));
        }
    }

    /// <summary>Calls <paramref name="handler"/> with <paramref name="event"/> after every event persisted before it has been handled; stores nothing.</summary>
    protected void Defer<TEvent>(TEvent @event, Action<TEvent> handler)
        where TEvent : notnull
    {
        ArgumentNullException.ThrowIfNull(handler);
        _pending.Add(new Invocation(@event, e => handler((TEvent)e), ++_groups, Stored: false));
    }

    /// <summary>Saves <paramref name="snapshot"/> at <see cref="LastSequenceNr"/>; the actor receives <see cref="SaveSnapshotSuccess"/> or <see cref="SaveSnapshotFailure"/>.</summary>
    protected void SaveSnapshot(object snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var metadata = new SnapshotMetadata(PersistenceId, LastSequenceNr, SnapshotHash.ToStoredPrecision(Context.System.TimeProvider.GetUtcNow()));
        var self = Self;
        SerializedMessage serialized;
        try
        {
            serialized = Context.System.Serialization.Serialize(snapshot);
        }
        catch (SerializationException e)
        {
            self.Tell(new SaveSnapshotFailure(metadata, e), self);
            return;
        }

        var store = Extension.SnapshotStore;
        RunThenTell(
            () => store.SaveAsync(new StoredSnapshot(metadata, serialized.SerializerId, serialized.Manifest, serialized.Payload)),
            new SaveSnapshotSuccess(metadata),
            e => new SaveSnapshotFailure(metadata, e));
    }

    /// <summary>Marks this entity's events up to <paramref name="toSequenceNr"/> as deleted; the actor receives <see cref="DeleteMessagesSuccess"/> or <see cref="DeleteMessagesFailure"/>.</summary>
    protected void DeleteMessages(long toSequenceNr)
    {
        var journal = Extension.Journal;
        var persistenceId = PersistenceId;
        RunThenTell(
            () => journal.DeleteMessagesToAsync(persistenceId, toSequenceNr),
            new DeleteMessagesSuccess(toSequenceNr),
            e => new DeleteMessagesFailure(e, toSequenceNr));
    }

    /// <summary>Deletes this entity's snapshots matching <paramref name="criteria"/>; the actor receives <see cref="DeleteSnapshotsSuccess"/> or <see cref="DeleteSnapshotsFailure"/>.</summary>
    protected void DeleteSnapshots(SnapshotSelectionCriteria criteria)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        var store = Extension.SnapshotStore;
        var persistenceId = PersistenceId;
        RunThenTell(
            () => store.DeleteAsync(persistenceId, criteria),
            new DeleteSnapshotsSuccess(criteria),
            e => new DeleteSnapshotsFailure(criteria, e));
    }

    // The store call runs off the actor's thread so the actor keeps processing messages; its outcome comes
    // back as a message. Callers capture what the operation needs on the actor's thread, never actor state.
    private void RunThenTell(Func<Task> operation, object success, Func<Exception, object> failure)
    {
        var self = Self;
        _ = Task.Run(async () =>
        {
            try
            {
                await operation().ConfigureAwait(false);
                self.Tell(success, self);
            }
            catch (Exception e)
            {
                self.Tell(failure(e), self);
            }
        });
    }

    /// <summary>Called when recovery fails; the actor is stopped afterwards. By default logs the cause as an error.</summary>
    /// <param name="cause">Why recovery failed (e.g. <see cref="JournalIntegrityException"/>).</param>
    /// <param name="event">The replayed event being handled when it failed, if any.</param>
    protected virtual void OnRecoveryFailure(Exception cause, object? @event)
    {
        Log.LogError(cause, "Recovery of persistence id '{PersistenceId}' failed{Event}; stopping the actor. {Reason}",
            PersistenceId, @event is null ? "" : $" while replaying {@event.GetType().Name} at sequence number {LastSequenceNr}", cause.Message);
    }

    /// <summary>Called when the journal failed to store events; the actor is stopped afterwards. By default logs the cause as an error.</summary>
    protected virtual void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        Log.LogError(cause, "Failed to persist event {EventType} with sequence number {SequenceNr} for persistence id '{PersistenceId}'; stopping the actor. {Reason}",
            @event.GetType().Name, sequenceNr, PersistenceId, cause.Message);
    }

    /// <summary>Called when an event could not be serialized; its handler is not called and the actor keeps running. By default logs a warning.</summary>
    protected virtual void OnPersistRejected(Exception cause, object @event)
    {
        Log.LogWarning(cause, "Rejected event {EventType} for persistence id '{PersistenceId}'; it was not persisted and its handler was not called. {Reason}",
            @event.GetType().Name, PersistenceId, cause.Message);
    }

    private void EnsureNotRecovering(string operation)
    {
        if (IsRecovering)
        {
            throw new InvalidOperationException($"{operation} was called by '{PersistenceId}' during recovery; persist in command handlers or after RecoveryCompleted.");
        }
    }

    private async Task RecoverAsync()
    {
        IsRecovering = true;
        LastSequenceNr = 0;
        SnapshotSequenceNr = 0;
        object? current = null;
        try
        {
            var recovery = Recovery;
            var persistenceId = PersistenceId;
            var from = 1L;
            if (recovery.FromSnapshot != SnapshotSelectionCriteria.None
                && await Extension.SnapshotStore.LoadAsync(persistenceId, recovery.FromSnapshot) is { } snapshot)
            {
                var state = Deserialize("snapshot", snapshot.Metadata.SequenceNr, snapshot.SerializerId, snapshot.Manifest, snapshot.Payload);
                LastSequenceNr = SnapshotSequenceNr = snapshot.Metadata.SequenceNr;
                from = snapshot.Metadata.SequenceNr + 1;
                current = new SnapshotOffer(snapshot.Metadata, state);
                ReceiveRecover(current);
            }

            await foreach (var repr in Extension.Journal.ReplayMessagesAsync(persistenceId, from, recovery.ToSequenceNr, recovery.ReplayMax))
            {
                current = Deserialize("event", repr.SequenceNr, repr.SerializerId, repr.Manifest, repr.Payload);
                LastSequenceNr = repr.SequenceNr;
                ReceiveRecover(current);
            }

            current = null;
            LastSequenceNr = Math.Max(LastSequenceNr, await Extension.Journal.ReadHighestSequenceNrAsync(persistenceId));
            IsRecovering = false;
            ReceiveRecover(RecoveryCompleted.Instance);
        }
        catch (Exception e)
        {
            _pending.Clear();
            OnRecoveryFailure(e, current);
            Context.Stop(Self);
            return;
        }

        if (_pending.Count > 0)
        {
            await FlushAsync();
        }
    }

    private object Deserialize(string what, long sequenceNr, int serializerId, string manifest, ReadOnlyMemory<byte> payload)
    {
        try
        {
            return Context.System.Serialization.Deserialize(new SerializedMessage(serializerId, manifest, payload.ToArray()));
        }
        catch (Exception e)
        {
            throw new EventDeserializationException(what, PersistenceId, sequenceNr, serializerId, manifest, e);
        }
    }

    private async Task FlushAsync()
    {
        while (_pending.Count > 0)
        {
            var batch = _pending.ToList();
            _pending.Clear();
            var writes = new List<AtomicWrite>();
            var accepted = new List<(Invocation Invocation, long SequenceNr)>();
            var next = LastSequenceNr + 1;
            foreach (var group in batch.GroupBy(i => i.Group))
            {
                var invocations = group.ToList();
                if (!invocations[0].Stored)
                {
                    accepted.Add((invocations[0], 0));
                    continue;
                }

                var events = new List<PersistentRepr>(invocations.Count);
                try
                {
                    foreach (var invocation in invocations)
                    {
                        var (payload, tags) = invocation.Event is Tagged tagged ? (tagged.Payload, tagged.Tags) : (invocation.Event, []);
                        var serialized = Context.System.Serialization.Serialize(payload);
                        events.Add(new PersistentRepr(PersistenceId, next + events.Count, serialized.Manifest, serialized.SerializerId, serialized.Payload)
                        {
                            Tags = tags,
                            WriterUuid = _writerUuid,
                        });
                    }

                    writes.Add(new AtomicWrite(events));
                }
                catch (Exception e) when (e is SerializationException or ArgumentException)
                {
                    OnPersistRejected(e, invocations[Math.Min(events.Count, invocations.Count - 1)].Event);
                    continue;
                }

                for (var i = 0; i < invocations.Count; i++)
                {
                    accepted.Add((invocations[i], next + i));
                }

                next += invocations.Count;
            }

            if (writes.Count > 0)
            {
                try
                {
                    await Extension.Journal.WriteMessagesAsync(writes);
                }
                catch (Exception e)
                {
                    var first = accepted.First(a => a.Invocation.Stored);
                    OnPersistFailure(e, first.Invocation.Event, first.SequenceNr);
                    _pending.Clear();
                    Context.Stop(Self);
                    return;
                }
            }

            foreach (var (invocation, sequenceNr) in accepted)
            {
                if (invocation.Stored)
                {
                    LastSequenceNr = sequenceNr;
                }

                invocation.Handler(invocation.Event);
            }
        }
    }

    private sealed record Invocation(object Event, Action<object> Handler, long Group, bool Stored);
}
