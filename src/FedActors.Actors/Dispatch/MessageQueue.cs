using System.Runtime.InteropServices;

namespace FedActors.Actors.Dispatch;

/// <summary>
/// An unbounded multi-producer single-consumer queue of <see cref="Envelope"/>s, lock-free on the
/// enqueue and dequeue paths. It is a chain of ring segments (each a bounded MPMC ring after
/// Vyukov, with one sequence number per slot); a segment that fills up is frozen and a twice larger
/// one is linked behind it, so a queue that stays short keeps reusing one small ring and allocates
/// nothing per message. The first segment has four slots, which keeps an idle mailbox small.
/// Only the mailbox's single consumer may call <see cref="TryDequeue"/>.
/// </summary>
internal sealed class MessageQueue
{
    private const int InitialCapacity = 4;
    private const int MaxCapacity = 1 << 16;

    private Segment _head;
    private volatile Segment _tail;

    public MessageQueue()
    {
        _head = _tail = new Segment(InitialCapacity);
    }

    /// <summary>Adds an envelope at the tail; safe from any number of threads.</summary>
    public void Enqueue(in Envelope envelope)
    {
        while (true)
        {
            var tail = _tail;
            if (tail.TryEnqueue(envelope))
            {
                return;
            }
            Grow(tail);
        }
    }

    private void Grow(Segment full)
    {
        // Growing is rare (the queue doubled past its largest size so far), so a lock keeps it simple.
        lock (this)
        {
            if (_tail != full)
            {
                return;
            }
            full.Freeze();
            var next = new Segment(Math.Min(full.Capacity * 2, MaxCapacity));
            full.Next = next;
            _tail = next;
        }
    }

    /// <summary>Takes the envelope at the head; only the single consumer may call this.</summary>
    /// <returns>False when no published envelope is available. A producer that has claimed a slot
    /// but not yet published it schedules the mailbox again after publishing, so nothing is lost.</returns>
    public bool TryDequeue(out Envelope envelope)
    {
        while (true)
        {
            var head = _head;
            if (head.TryDequeue(out envelope))
            {
                return true;
            }
            var next = head.Next;
            if (next is null || !head.IsDrained)
            {
                return false;
            }
            _head = next;
        }
    }

    /// <summary>True when at least one published envelope is waiting. Read-only, so any thread may ask.</summary>
    public bool HasMessages
    {
        get
        {
            for (var segment = Volatile.Read(ref _head); segment is not null; segment = segment.Next)
            {
                if (segment.HasPublished)
                {
                    return true;
                }
                if (!segment.IsDrained)
                {
                    return false;
                }
            }
            return false;
        }
    }

    private sealed class Segment
    {
        private readonly Slot[] _slots;
        private readonly int _mask;
        private int _head;
        private int _tail;
        private volatile bool _frozen;

        public Segment(int capacity)
        {
            _slots = new Slot[capacity];
            _mask = capacity - 1;
            for (var i = 0; i < capacity; i++)
            {
                _slots[i].Sequence = i;
            }
        }

        public volatile Segment? Next;

        public int Capacity => _slots.Length;

        /// <summary>Offset added to the tail when freezing: enqueuers then see a full ring and stop.</summary>
        private int FreezeOffset => _slots.Length * 2;

        public bool TryEnqueue(in Envelope envelope)
        {
            var spinner = default(SpinWait);
            while (true)
            {
                var tail = Volatile.Read(ref _tail);
                ref var slot = ref _slots[tail & _mask];
                var diff = Volatile.Read(ref slot.Sequence) - tail;
                if (diff == 0)
                {
                    if (Interlocked.CompareExchange(ref _tail, tail + 1, tail) == tail)
                    {
                        slot.Item = envelope;
                        Volatile.Write(ref slot.Sequence, tail + 1);
                        return true;
                    }
                }
                else if (diff < 0)
                {
                    return false;
                }
                spinner.SpinOnce(sleep1Threshold: -1);
            }
        }

        public bool TryDequeue(out Envelope envelope)
        {
            var head = _head;
            ref var slot = ref _slots[head & _mask];
            if (Volatile.Read(ref slot.Sequence) == head + 1)
            {
                envelope = slot.Item;
                slot.Item = default;
                Volatile.Write(ref _head, head + 1);
                Volatile.Write(ref slot.Sequence, head + _slots.Length);
                return true;
            }
            envelope = default;
            return false;
        }

        public bool HasPublished
        {
            get
            {
                var head = Volatile.Read(ref _head);
                return Volatile.Read(ref _slots[head & _mask].Sequence) == head + 1;
            }
        }

        /// <summary>True when the segment is frozen and every slot claimed before freezing has been consumed.</summary>
        public bool IsDrained => _frozen && Volatile.Read(ref _head) == Volatile.Read(ref _tail) - FreezeOffset;

        public void Freeze()
        {
            Interlocked.Add(ref _tail, FreezeOffset);
            _frozen = true;
        }
    }

    [StructLayout(LayoutKind.Auto)]
    private struct Slot
    {
        public Envelope Item;
        public int Sequence;
    }
}
