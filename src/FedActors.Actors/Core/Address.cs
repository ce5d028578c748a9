using System.Globalization;

namespace FedActors.Actors.Core;

/// <summary>
/// The address of an actor system: <c>fedactors://system</c> for a local system, or
/// <c>fedactors://system@host:port</c> once a remote transport gives it a host and port.
/// Two addresses are equal when protocol, system, host and port are equal.
/// </summary>
public sealed record Address
{
    /// <summary>The protocol every FedActors address uses.</summary>
    public const string DefaultProtocol = "fedactors";

    /// <summary>Creates an address, validating the system name and the port.</summary>
    /// <param name="protocol">The protocol, usually <see cref="DefaultProtocol"/>.</param>
    /// <param name="system">The actor system name (letters, digits, '-' and '_').</param>
    /// <param name="host">The host name, or <c>null</c> for a local address.</param>
    /// <param name="port">The port, or <c>null</c> for a local address.</param>
    /// <exception cref="ArgumentException">The system name or the port is invalid.</exception>
    public Address(string protocol, string system, string? host = null, int? port = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(protocol);
        ValidateSystemName(system);
        if (port is < 0 or > 65535)
        {
            throw new ArgumentException($"Port of address '{protocol}://{system}@{host}' must be in 0..65535, was {port}.", nameof(port));
        }
        if ((host is null) != (port is null))
        {
            throw new ArgumentException($"An address needs both a host and a port or neither; got host '{host}' and port '{port}'.", nameof(host));
        }
        Protocol = protocol;
        System = system;
        Host = host;
        Port = port;
    }

    /// <summary>The protocol (scheme) of the address.</summary>
    public string Protocol { get; }

    /// <summary>The name of the actor system.</summary>
    public string System { get; }

    /// <summary>The host, or <c>null</c> when the address is local.</summary>
    public string? Host { get; }

    /// <summary>The port, or <c>null</c> when the address is local.</summary>
    public int? Port { get; }

    /// <summary>True when the address has a host and a port, i.e. it can be reached from another process.</summary>
    public bool HasGlobalScope => Host is not null;

    /// <summary>A local address for the named system.</summary>
    public static Address Local(string system) => new(DefaultProtocol, system);

    /// <summary>Checks that a system name has only letters, digits, '-' and '_' and does not start with '-' or '_'.</summary>
    /// <exception cref="ArgumentException">The name is empty or has other characters.</exception>
    public static void ValidateSystemName(string system)
    {
        if (string.IsNullOrEmpty(system) || system[0] is '-' or '_' || !system.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException($"Actor system name '{system}' is invalid: use ASCII letters, digits, '-' and '_', starting with a letter or digit.", nameof(system));
        }
    }

    /// <summary>Parses <c>protocol://system</c> or <c>protocol://system@host:port</c>.</summary>
    /// <exception cref="FormatException">The text is not an address.</exception>
    public static Address Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var address, out var error) ? address : throw new FormatException(error);
    }

    internal static bool TryParse(ReadOnlySpan<char> text, out Address address, out string error)
    {
        address = null!;
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme <= 0)
        {
            error = $"'{text}' is not an actor address: expected 'fedactors://system' or 'fedactors://system@host:port'.";
            return false;
        }
        var protocol = text[..scheme].ToString();
        var rest = text[(scheme + 3)..];
        string? host = null;
        int? port = null;
        var at = rest.IndexOf('@');
        var systemPart = at < 0 ? rest : rest[..at];
        if (at >= 0)
        {
            var hostPort = rest[(at + 1)..];
            var colon = hostPort.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(hostPort[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p > 65535)
            {
                error = $"'{text}' has no valid host:port after '@' (port 0..65535).";
                return false;
            }
            host = hostPort[..colon].ToString();
            port = p;
        }
        try
        {
            address = new Address(protocol, systemPart.ToString(), host, port);
        }
        catch (ArgumentException e)
        {
            error = e.Message;
            return false;
        }
        error = string.Empty;
        return true;
    }

    /// <summary>Prints the address as <c>protocol://system</c> or <c>protocol://system@host:port</c>.</summary>
    public override string ToString() => Host is null
        ? $"{Protocol}://{System}"
        : string.Create(CultureInfo.InvariantCulture, $"{Protocol}://{System}@{Host}:{Port}");
}
