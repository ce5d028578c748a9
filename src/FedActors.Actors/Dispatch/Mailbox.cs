using FedActors.Actors.Core;

namespace FedActors.Actors.Dispatch;

/// <summary>
/// An actor's mailbox and its turn on the thread pool. User messages wait in a lock-free
/// <see cref="MessageQueue"/>; system messages (create, watch, supervise, stop) wait on a lock-free
/// stack and are always processed first, and again after every user message. One status word,
/// changed with <see cref="Interlocked"/>, guarantees that at most one thread runs the actor: a
/// sender schedules the mailbox only when it moves the status from idle to scheduled.
/// A turn processes at most <see cref="MailboxSettings.Throughput"/> user messages.
/// </summary>
internal sealed class Mailbox : IThreadPoolWorkItem
{
    private const int ScheduledBit = 1;
    private const int ClosedBit = 2;

    private static readonly SystemMessage ClosedMarker = new Create();

    private readonly ActorCell _cell;
    private readonly MessageQueue _queue = new();
    private readonly int _throughput;
    private readonly int _capacity;
    private int _status;
    private int _count;
    private SystemMessage? _systemHead;
    private int _suspendCount;
    private Queue<Envelope>? _front;

    public Mailbox(ActorCell cell, MailboxSettings settings)
    {
        _cell = cell;
        _throughput = settings.Throughput;
        _capacity = settings.Capacity;
    }

    public bool IsClosed => (Volatile.Read(ref _status) & ClosedBit) != 0;

    /// <summary>Queues a user message. Returns false when a bounded mailbox is full; the caller applies the overflow strategy.</summary>
    public bool Post(object message, IActorRef? sender)
    {
        if (_capacity > 0 && Interlocked.Increment(ref _count) > _capacity)
        {
            Interlocked.Decrement(ref _count);
            return false;
        }
        _queue.Enqueue(new Envelope(message, sender));
        if ((Volatile.Read(ref _status) & ClosedBit) != 0)
        {
            DrainToDeadLetters();
            return true;
        }
        TrySchedule();
        return true;
    }

    /// <summary>Queues a system message; after the mailbox closed, the cell answers it as a dead actor would.</summary>
    public void PostSystem(SystemMessage message)
    {
        while (true)
        {
            var head = Volatile.Read(ref _systemHead);
            if (ReferenceEquals(head, ClosedMarker))
            {
                _cell.HandleSystemMessageAfterStop(message);
                return;
            }
            message.Next = head;
            if (Interlocked.CompareExchange(ref _systemHead, message, head) == head)
            {
                break;
            }
        }
        TrySchedule();
    }

    /// <summary>Puts unstashed envelopes in front of the queue; only the actor's own thread calls this.</summary>
    public void Prepend(IEnumerable<Envelope> envelopes)
    {
        var front = new Queue<Envelope>(envelopes);
        if (_front is { Count: > 0 })
        {
            foreach (var e in _front)
            {
                front.Enqueue(e);
            }
        }
        _front = front;
    }

    public void Suspend() => _suspendCount++;

    public void Resume()
    {
        if (_suspendCount > 0)
        {
            _suspendCount--;
        }
    }

    /// <summary>Closes the mailbox for good: later system messages are answered as by a dead actor, user messages go to dead letters.</summary>
    public void Close()
    {
        Interlocked.Or(ref _status, ClosedBit);
        var pending = Interlocked.Exchange(ref _systemHead, ClosedMarker);
        for (var m = Reverse(pending); m is not null;)
        {
            var next = m.Next;
            m.Next = null;
            _cell.HandleSystemMessageAfterStop(m);
            m = next;
        }
        DrainToDeadLetters();
    }

    private void DrainToDeadLetters()
    {
        // After closing, producers and the closing thread may all drain; the lock keeps the queue single-consumer.
        lock (_queue)
        {
            while (_front is { Count: > 0 })
            {
                _cell.SendToDeadLetters(_front.Dequeue());
            }
            while (_queue.TryDequeue(out var envelope))
            {
                _cell.SendToDeadLetters(envelope);
            }
        }
    }

    private void TrySchedule()
    {
        var status = Volatile.Read(ref _status);
        if ((status & (ScheduledBit | ClosedBit)) == 0 &&
            Interlocked.CompareExchange(ref _status, status | ScheduledBit, status) == status)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
        }
    }

    /// <summary>Runs one turn: system messages, then up to the throughput budget of user messages.</summary>
    public void Execute()
    {
        var previous = ActorCell.Current;
        ActorCell.Current = _cell;
        try
        {
            if (!IsClosed)
            {
                ProcessSystemMessages();
                ProcessUserMessages();
            }
        }
        finally
        {
            ActorCell.Current = previous;
            var status = Interlocked.And(ref _status, ~ScheduledBit);
            if ((status & ClosedBit) == 0 && (HasSystemMessages || (_suspendCount == 0 && HasUserMessages)))
            {
                TrySchedule();
            }
        }
    }

    private bool HasSystemMessages
    {
        get
        {
            var head = Volatile.Read(ref _systemHead);
            return head is not null && !ReferenceEquals(head, ClosedMarker);
        }
    }

    private bool HasUserMessages => _front is { Count: > 0 } || _queue.HasMessages;

    private void ProcessUserMessages()
    {
        for (var left = _throughput; left > 0; left--)
        {
            if (_suspendCount > 0 || IsClosed || !TryDequeue(out var envelope))
            {
                return;
            }
            _cell.Invoke(envelope);
            if (Volatile.Read(ref _systemHead) is not null)
            {
                ProcessSystemMessages();
            }
        }
    }

    private bool TryDequeue(out Envelope envelope)
    {
        if (_front is { Count: > 0 })
        {
            envelope = _front.Dequeue();
            return true;
        }
        if (_queue.TryDequeue(out envelope))
        {
            if (_capacity > 0)
            {
                Interlocked.Decrement(ref _count);
            }
            return true;
        }
        return false;
    }

    private void ProcessSystemMessages()
    {
        while (true)
        {
            var head = Volatile.Read(ref _systemHead);
            if (head is null || ReferenceEquals(head, ClosedMarker))
            {
                return;
            }
            if (Interlocked.CompareExchange(ref _systemHead, null, head) != head)
            {
                continue;
            }
            for (var m = Reverse(head); m is not null;)
            {
                var next = m.Next;
                m.Next = null;
                if (IsClosed)
                {
                    _cell.HandleSystemMessageAfterStop(m);
                }
                else
                {
                    _cell.SystemInvoke(m);
                }
                m = next;
            }
        }
    }

    private static SystemMessage? Reverse(SystemMessage? head)
    {
        if (ReferenceEquals(head, ClosedMarker))
        {
            return null;
        }
        SystemMessage? reversed = null;
        while (head is not null)
        {
            var next = head.Next;
            head.Next = reversed;
            reversed = head;
            head = next;
        }
        return reversed;
    }
}
