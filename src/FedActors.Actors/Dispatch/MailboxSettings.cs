using FedActors.Configuration;

namespace FedActors.Actors.Dispatch;

/// <summary>
/// How an actor's mailbox behaves: how many messages one turn on the thread pool may process, and
/// whether the mailbox is bounded and what happens when it overflows. Immutable and validated.
/// </summary>
public sealed record MailboxSettings
{
    /// <summary>Creates mailbox settings.</summary>
    /// <param name="throughput">Messages processed per turn before the thread is given back (&gt; 0).</param>
    /// <param name="capacity">Maximum queued user messages; 0 means unbounded.</param>
    /// <param name="overflowStrategy">What happens to a message that arrives at a full bounded mailbox.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range; the message names the setting.</exception>
    public MailboxSettings(int throughput = 30, int capacity = 0, OverflowStrategy overflowStrategy = OverflowStrategy.DropNewest)
    {
        if (throughput <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(throughput), throughput, $"fedactors.actor.default-mailbox.throughput must be > 0, was {throughput}");
        }
        if (capacity < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, $"fedactors.actor.default-mailbox.capacity must be >= 0 (0 = unbounded), was {capacity}");
        }
        if (!Enum.IsDefined(overflowStrategy))
        {
            throw new ArgumentOutOfRangeException(nameof(overflowStrategy), overflowStrategy, $"fedactors.actor.default-mailbox.overflow-strategy must be drop-newest or fail, was {overflowStrategy}");
        }
        Throughput = throughput;
        Capacity = capacity;
        OverflowStrategy = overflowStrategy;
    }

    /// <summary>The default: throughput 30, unbounded.</summary>
    public static MailboxSettings Default { get; } = new();

    /// <summary>Reads and validates a mailbox section such as <c>fedactors.actor.default-mailbox</c>.</summary>
    /// <exception cref="ConfigException">A key is missing or invalid; the message names the key and its value.</exception>
    public static MailboxSettings FromConfig(Config mailbox)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        var throughput = mailbox.GetInt("throughput");
        if (throughput <= 0)
        {
            throw mailbox.Invalid("throughput", "must be > 0");
        }
        var capacity = mailbox.GetInt("capacity");
        if (capacity < 0)
        {
            throw mailbox.Invalid("capacity", "must be >= 0 (0 = unbounded)");
        }
        var strategy = mailbox.GetString("overflow-strategy") switch
        {
            "drop-newest" => OverflowStrategy.DropNewest,
            "fail" => OverflowStrategy.Fail,
            _ => throw mailbox.Invalid("overflow-strategy", "must be drop-newest or fail"),
        };
        return new MailboxSettings(throughput, capacity, strategy);
    }

    /// <summary>Messages processed per turn on the thread pool before the thread is given back.</summary>
    public int Throughput { get; }

    /// <summary>Maximum number of queued user messages; 0 means unbounded.</summary>
    public int Capacity { get; }

    /// <summary>What happens to a message that arrives when a bounded mailbox is full.</summary>
    public OverflowStrategy OverflowStrategy { get; }

    /// <summary>True when <see cref="Capacity"/> limits the queue.</summary>
    public bool IsBounded => Capacity > 0;

    /// <summary>A bounded copy of these settings.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is not positive.</exception>
    public MailboxSettings Bounded(int capacity, OverflowStrategy overflowStrategy)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        return new MailboxSettings(Throughput, capacity, overflowStrategy);
    }
}
