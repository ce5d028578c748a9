using FedActors.Configuration;

namespace FedActors.Remote.Settings;

/// <summary>
/// The validated settings of the remote transport (HOCON section <c>fedactors.remote</c>). Immutable;
/// every bad value is reported with its full key, e.g. <c>fedactors.remote.port must be in 0..65535, was 70000</c>.
/// </summary>
public sealed class RemoteSettings
{
    private RemoteSettings()
    {
    }

    /// <summary>The interface the listener binds to (<c>hostname</c>).</summary>
    public string Hostname { get; private init; } = "127.0.0.1";

    /// <summary>The port the listener binds to; 0 picks an ephemeral port (<c>port</c>).</summary>
    public int Port { get; private init; }

    /// <summary>The host name other nodes use to reach this one; <see cref="Hostname"/> when empty (<c>public-hostname</c>).</summary>
    public string PublicHostname { get; private init; } = "127.0.0.1";

    /// <summary>The largest frame accepted or written, in bytes; larger messages travel in chunks (<c>maximum-frame-size</c>).</summary>
    public int MaximumFrameSize { get; private init; }

    /// <summary>The largest message reassembled from chunks, in bytes; bounds the receive buffer (<c>maximum-message-size</c>).</summary>
    public long MaximumMessageSize { get; private init; }

    /// <summary>Messages queued per association before the overflow policy applies (<c>send-queue-size</c>).</summary>
    public int SendQueueSize { get; private init; }

    /// <summary>
    /// Payload bytes queued per association beyond which the awaiting send path (<c>SendAsync</c>) waits; <c>Tell</c>
    /// ignores it (<c>send-queue-bytes</c>).
    /// </summary>
    public long SendQueueBytes { get; private init; }

    /// <summary>What a full send queue does with a new message (<c>send-queue-overflow</c>).</summary>
    public SendQueueOverflow SendQueueOverflow { get; private init; }

    /// <summary>Time allowed for the TCP connect, the TLS handshake and the association handshake (<c>handshake-timeout</c>).</summary>
    public TimeSpan HandshakeTimeout { get; private init; }

    /// <summary>How often a node heartbeats the nodes it watches actors on (<c>heartbeat-interval</c>).</summary>
    public TimeSpan HeartbeatInterval { get; private init; }

    /// <summary>Silence after which a watched node is quarantined and its actors are reported terminated (<c>acceptable-heartbeat-pause</c>, 60 s by default: hosts training on every core answer late).</summary>
    public TimeSpan AcceptableHeartbeatPause { get; private init; }

    /// <summary>First wait before reconnecting after a failed connection (<c>reconnect-backoff-min</c>).</summary>
    public TimeSpan ReconnectBackoffMin { get; private init; }

    /// <summary>Longest wait between reconnect attempts; the wait doubles up to it (<c>reconnect-backoff-max</c>).</summary>
    public TimeSpan ReconnectBackoffMax { get; private init; }

    /// <summary>PEM node certificate from <c>fedactors keys</c> (<c>certificate-file</c>).</summary>
    public string CertificateFile { get; private init; } = string.Empty;

    /// <summary>Encrypted PKCS#8 node key (<c>key-file</c>).</summary>
    public string KeyFile { get; private init; } = string.Empty;

    /// <summary>The federation CA certificate, the only trust anchor (<c>ca-file</c>).</summary>
    public string CaFile { get; private init; } = string.Empty;

    /// <summary>The roster file; empty = every certificate the CA issued is admitted (<c>roster-file</c>).</summary>
    public string RosterFile { get; private init; } = string.Empty;

    /// <summary>Reads and validates the <c>fedactors.remote</c> section.</summary>
    /// <param name="remote">The section itself (<c>config.GetConfig("fedactors.remote")</c>).</param>
    /// <exception cref="ConfigException">A key is missing or invalid; the message names the key and the value.</exception>
    public static RemoteSettings FromConfig(Config remote)
    {
        ArgumentNullException.ThrowIfNull(remote);
        var hostname = remote.GetString("hostname");
        if (hostname.Length == 0)
        {
            throw remote.Invalid("hostname", "must be a host name or IP address");
        }
        var port = remote.GetInt("port");
        if (port is < 0 or > 65535)
        {
            throw remote.Invalid("port", "must be in 0..65535");
        }
        var frame = remote.GetByteSize("maximum-frame-size");
        if (frame is < 32 * 1024 or > 64 * 1024 * 1024)
        {
            throw remote.Invalid("maximum-frame-size", "must be in 32KiB..64MiB");
        }
        var message = remote.GetByteSize("maximum-message-size");
        if (message < frame || message > Array.MaxLength)
        {
            throw remote.Invalid("maximum-message-size", $"must be in maximum-frame-size..{Array.MaxLength} bytes");
        }
        var queue = remote.GetInt("send-queue-size");
        if (queue < 1)
        {
            throw remote.Invalid("send-queue-size", "must be >= 1");
        }
        var queueBytes = remote.GetByteSize("send-queue-bytes");
        if (queueBytes < 1)
        {
            throw remote.Invalid("send-queue-bytes", "must be >= 1");
        }
        var overflow = remote.GetString("send-queue-overflow") switch
        {
            "drop-newest" => SendQueueOverflow.DropNewest,
            "fail" => SendQueueOverflow.Fail,
            _ => throw remote.Invalid("send-queue-overflow", "must be drop-newest or fail"),
        };
        var backoffMin = Positive(remote, "reconnect-backoff-min");
        var backoffMax = Positive(remote, "reconnect-backoff-max");
        if (backoffMax < backoffMin)
        {
            throw remote.Invalid("reconnect-backoff-max", "must be >= reconnect-backoff-min");
        }
        var interval = Positive(remote, "heartbeat-interval");
        var pause = Positive(remote, "acceptable-heartbeat-pause");
        if (pause <= interval)
        {
            throw remote.Invalid("acceptable-heartbeat-pause", "must be > heartbeat-interval");
        }
        var publicHostname = remote.GetString("public-hostname");
        return new RemoteSettings
        {
            Hostname = hostname,
            Port = port,
            PublicHostname = publicHostname.Length == 0 ? hostname : publicHostname,
            MaximumFrameSize = (int)frame,
            MaximumMessageSize = message,
            SendQueueSize = queue,
            SendQueueBytes = queueBytes,
            SendQueueOverflow = overflow,
            HandshakeTimeout = Positive(remote, "handshake-timeout"),
            HeartbeatInterval = interval,
            AcceptableHeartbeatPause = pause,
            ReconnectBackoffMin = backoffMin,
            ReconnectBackoffMax = backoffMax,
            CertificateFile = remote.GetString("certificate-file"),
            KeyFile = remote.GetString("key-file"),
            CaFile = remote.GetString("ca-file"),
            RosterFile = remote.GetString("roster-file"),
        };
    }

    private static TimeSpan Positive(Config remote, string key)
    {
        var value = remote.GetTimeSpan(key);
        return value > TimeSpan.Zero ? value : throw remote.Invalid(key, "must be > 0");
    }
}
