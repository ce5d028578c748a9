using FedActors.Actors.Dispatch;
using FedActors.Configuration;
using Microsoft.Extensions.Logging;

namespace FedActors.Actors.Core;

/// <summary>
/// The validated settings of an actor system (HOCON section <c>fedactors.actor</c>). Immutable;
/// every bad value is reported with its HOCON key, e.g. <c>fedactors.actor.ask-timeout must be &gt; 0, was -00:00:01</c>.
/// </summary>
public sealed class ActorSettings
{
    /// <summary>Creates settings; defaults match <c>hocon/reference.conf</c>.</summary>
    /// <param name="defaultMailbox">The mailbox of actors whose props name none (<c>default-mailbox</c>).</param>
    /// <param name="askTimeout">The timeout of an <c>Ask</c> that gives none (<c>ask-timeout</c>, &gt; 0).</param>
    /// <param name="serializeMessages">Round-trip every user message through the serializer registry (<c>serialize-messages</c>).</param>
    /// <param name="logLevel">Minimum level of actor and runtime log entries (<c>log-level</c>).</param>
    /// <param name="logDeadLetters">How many dead letters are logged at Information level; later ones are only published (<c>log-dead-letters</c>, &gt;= 0).</param>
    /// <param name="shutdownPhaseTimeout">Default timeout of a coordinated-shutdown phase (<c>coordinated-shutdown.default-phase-timeout</c>, &gt; 0).</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range; the message names the key.</exception>
    public ActorSettings(
        MailboxSettings? defaultMailbox = null,
        TimeSpan? askTimeout = null,
        bool serializeMessages = false,
        LogLevel logLevel = LogLevel.Information,
        int logDeadLetters = 10,
        TimeSpan? shutdownPhaseTimeout = null)
    {
        DefaultMailbox = defaultMailbox ?? MailboxSettings.Default;
        AskTimeout = askTimeout ?? TimeSpan.FromSeconds(10);
        if (AskTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(askTimeout), askTimeout, $"fedactors.actor.ask-timeout must be > 0, was {askTimeout}");
        }
        if (!Enum.IsDefined(logLevel))
        {
            throw new ArgumentOutOfRangeException(nameof(logLevel), logLevel, $"fedactors.actor.log-level must be one of trace, debug, information, warning, error, critical, none; was {logLevel}");
        }
        if (logDeadLetters < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(logDeadLetters), logDeadLetters, $"fedactors.actor.log-dead-letters must be >= 0, was {logDeadLetters}");
        }
        ShutdownPhaseTimeout = shutdownPhaseTimeout ?? TimeSpan.FromSeconds(5);
        if (ShutdownPhaseTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(shutdownPhaseTimeout), shutdownPhaseTimeout, $"fedactors.actor.coordinated-shutdown.default-phase-timeout must be > 0, was {shutdownPhaseTimeout}");
        }
        SerializeMessages = serializeMessages;
        LogLevel = logLevel;
        LogDeadLetters = logDeadLetters;
    }

    /// <summary>The defaults of <c>hocon/reference.conf</c>.</summary>
    public static ActorSettings Default { get; } = new();

    /// <summary>Reads and validates the <c>fedactors.actor</c> section.</summary>
    /// <param name="actor">The section (<c>config.GetConfig("fedactors.actor")</c>), complete (with the reference as fallback).</param>
    /// <exception cref="ConfigException">A key is missing, has the wrong type or an invalid value; the message names the key, its value and where it was set.</exception>
    public static ActorSettings FromConfig(Config actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var askTimeout = actor.GetTimeSpan("ask-timeout");
        if (askTimeout <= TimeSpan.Zero)
        {
            throw actor.Invalid("ask-timeout", "must be > 0");
        }
        var logLevel = actor.GetString("log-level") switch
        {
            "trace" => LogLevel.Trace,
            "debug" => LogLevel.Debug,
            "info" => LogLevel.Information,
            "warning" => LogLevel.Warning,
            "error" => LogLevel.Error,
            "critical" => LogLevel.Critical,
            "none" => LogLevel.None,
            _ => throw actor.Invalid("log-level", "must be trace, debug, info, warning, error, critical or none"),
        };
        var logDeadLetters = actor.GetInt("log-dead-letters");
        if (logDeadLetters < 0)
        {
            throw actor.Invalid("log-dead-letters", "must be >= 0");
        }
        var phaseTimeout = actor.GetTimeSpan("coordinated-shutdown.default-phase-timeout");
        if (phaseTimeout <= TimeSpan.Zero)
        {
            throw actor.Invalid("coordinated-shutdown.default-phase-timeout", "must be > 0");
        }
        return new ActorSettings(
            MailboxSettings.FromConfig(actor.GetConfig("default-mailbox")),
            askTimeout,
            actor.GetBoolean("serialize-messages"),
            logLevel,
            logDeadLetters,
            phaseTimeout);
    }

    /// <summary>The mailbox of actors whose props name none.</summary>
    public MailboxSettings DefaultMailbox { get; }

    /// <summary>The timeout of an <c>Ask</c> that gives none.</summary>
    public TimeSpan AskTimeout { get; }

    /// <summary>Whether every user message is serialized and deserialized on send (to prove it can cross a network).</summary>
    public bool SerializeMessages { get; }

    /// <summary>Minimum level of actor and runtime log entries.</summary>
    public LogLevel LogLevel { get; }

    /// <summary>How many dead letters are logged; later ones are only published on the event stream.</summary>
    public int LogDeadLetters { get; }

    /// <summary>Default timeout of a coordinated-shutdown phase.</summary>
    public TimeSpan ShutdownPhaseTimeout { get; }
}
