using System.Text;

namespace FedActors.Actors.Core;

/// <summary>
/// The location of an actor: an <see cref="Address"/> followed by path elements, printed as
/// <c>fedactors://system/user/parent/child</c> (or <c>fedactors://system@host:port/user/...</c>).
/// Paths are immutable and compare by value; each path shares its parent's instance, so a child
/// path costs one small object.
/// </summary>
public sealed class ActorPath : IEquatable<ActorPath>
{
    private const string ValidSymbols = "-_.*$+:@&=,!~';";

    private ActorPath(Address address, ActorPath? parent, string name)
    {
        Address = address;
        Parent = parent;
        Name = name;
        Depth = parent is null ? 0 : parent.Depth + 1;
    }

    /// <summary>The address of the actor system the path belongs to.</summary>
    public Address Address { get; }

    /// <summary>The parent path, or <c>null</c> for the root path.</summary>
    public ActorPath? Parent { get; }

    /// <summary>The last element of the path; empty for the root.</summary>
    public string Name { get; }

    /// <summary>The number of elements below the root (0 for the root, 1 for <c>/user</c>).</summary>
    public int Depth { get; }

    /// <summary>The path elements from the root down, e.g. <c>["user", "a", "b"]</c>.</summary>
    public IReadOnlyList<string> Elements
    {
        get
        {
            var elements = new string[Depth];
            for (var p = this; p.Parent is not null; p = p.Parent)
            {
                elements[p.Depth - 1] = p.Name;
            }
            return elements;
        }
    }

    /// <summary>The root path of an address.</summary>
    public static ActorPath RootOf(Address address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new ActorPath(address, null, string.Empty);
    }

    /// <summary>The path of a child with the given name.</summary>
    /// <exception cref="ArgumentException">The name is not a valid path element.</exception>
    public ActorPath Child(string name)
    {
        if (!IsValidElement(name))
        {
            throw new ArgumentException($"'{name}' is not a valid actor path element: use ASCII letters, digits and {ValidSymbols}, not starting with '$' unless system-generated.", nameof(name));
        }
        return new ActorPath(Address, this, name);
    }

    /// <summary>The path of a child with the given name.</summary>
    public static ActorPath operator /(ActorPath parent, string name)
    {
        ArgumentNullException.ThrowIfNull(parent);
        return parent.Child(name);
    }

    /// <summary>True when <paramref name="name"/> is a valid path element: non-empty ASCII letters, digits and <c>-_.*$+:@&amp;=,!~';</c>.</summary>
    public static bool IsValidElement(string? name) =>
        !string.IsNullOrEmpty(name) && name.All(c => char.IsAsciiLetterOrDigit(c) || ValidSymbols.Contains(c, StringComparison.Ordinal));

    /// <summary>Parses a full path such as <c>fedactors://sys@host:2552/user/a</c>.</summary>
    /// <exception cref="FormatException">The text is not a valid actor path.</exception>
    public static ActorPath Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var path, out var error) ? path! : throw new FormatException(error);
    }

    /// <summary>Parses a full actor path, returning false (and no exception) when it is invalid.</summary>
    public static bool TryParse(string text, out ActorPath? path) => TryParse(text, out path, out _);

    private static bool TryParse(string text, out ActorPath? path, out string error)
    {
        path = null;
        if (text is null)
        {
            error = "An actor path cannot be null.";
            return false;
        }
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        var slash = scheme < 0 ? -1 : text.IndexOf('/', scheme + 3);
        var addressText = slash < 0 ? text.AsSpan() : text.AsSpan(0, slash);
        if (!Address.TryParse(addressText, out var address, out error))
        {
            return false;
        }
        var current = RootOf(address);
        if (slash >= 0)
        {
            foreach (var element in text[(slash + 1)..].Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                var name = Uri.UnescapeDataString(element);
                if (!IsValidElement(name))
                {
                    error = $"'{text}' has an invalid path element '{element}'.";
                    return false;
                }
                current = new ActorPath(address, current, name);
            }
        }
        path = current;
        error = string.Empty;
        return true;
    }

    /// <summary>The path elements joined by '/', without the address, e.g. <c>/user/a</c>.</summary>
    public string ToStringWithoutAddress()
    {
        if (Parent is null)
        {
            return "/";
        }
        var sb = new StringBuilder();
        AppendElements(sb);
        return sb.ToString();
    }

    private void AppendElements(StringBuilder sb)
    {
        if (Parent is null)
        {
            return;
        }
        Parent.AppendElements(sb);
        sb.Append('/').Append(Name);
    }

    /// <summary>Prints the full path, e.g. <c>fedactors://sys/user/a</c>.</summary>
    public override string ToString() => Address + ToStringWithoutAddress();

    /// <summary>Paths are equal when their addresses and all elements are equal.</summary>
    public bool Equals(ActorPath? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }
        if (other is null || Depth != other.Depth)
        {
            return false;
        }
        var a = this;
        var b = other;
        while (a.Parent is not null)
        {
            if (ReferenceEquals(a, b))
            {
                return true;
            }
            if (!string.Equals(a.Name, b!.Name, StringComparison.Ordinal))
            {
                return false;
            }
            a = a.Parent;
            b = b.Parent;
        }
        return a.Address.Equals(b!.Address);
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ActorPath other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        for (var p = this; p.Parent is not null; p = p.Parent)
        {
            hash.Add(p.Name, StringComparer.Ordinal);
        }
        hash.Add(Address);
        return hash.ToHashCode();
    }
}
