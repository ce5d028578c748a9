using System.Text.RegularExpressions;

namespace FedActors.Crypto.Identity;

/// <summary>
/// Validates node and federation names: 1 to 63 characters of lowercase letters, digits, '-' and '.',
/// starting and ending with a letter or digit, so that a name is also a valid DNS name for the
/// certificate's subject alternative name (mutual TLS checks it).
/// </summary>
public static partial class NodeName
{
    /// <summary>Throws unless <paramref name="name"/> is a valid node name.</summary>
    /// <exception cref="ArgumentException">The name is invalid; the message quotes it and states the rule.</exception>
    public static string Validate(string name)
    {
        if (name is null || !Pattern().IsMatch(name))
        {
            throw new ArgumentException($"node name '{name}' is invalid: use 1 to 63 lowercase letters, digits, '-' or '.', starting and ending with a letter or digit (it becomes the certificate's DNS name)", nameof(name));
        }
        return name;
    }

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9.-]{0,61}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
