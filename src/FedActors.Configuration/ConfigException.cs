namespace FedActors.Configuration;

/// <summary>
/// Any problem with a configuration: syntax, unresolved or cyclic substitution, missing include, missing key,
/// wrong type or invalid value. The message always starts with <c>FILE:LINE:COLUMN: </c> and is a single line.
/// </summary>
public sealed class ConfigException : Exception
{
    /// <summary>Creates an error located at <paramref name="origin"/>, about the setting at <paramref name="path"/> (if any).</summary>
    /// <param name="origin">Where the problem is.</param>
    /// <param name="path">The key path the problem concerns, or <see langword="null"/> when no key is involved.</param>
    /// <param name="problem">One sentence: what is wrong and what would be valid.</param>
    /// <param name="innerException">The underlying cause, if any.</param>
    public ConfigException(ConfigOrigin origin, string? path, string problem, Exception? innerException = null)
        : base(Compose(origin, path, problem), innerException)
    {
        Origin = origin;
        Path = path;
        Problem = problem;
    }

    /// <summary>Where the problem is.</summary>
    public ConfigOrigin Origin { get; }

    /// <summary>The key path the problem concerns, or <see langword="null"/> when no key is involved.</summary>
    public string? Path { get; }

    /// <summary>The problem without the location prefix.</summary>
    public string Problem { get; }

    private static string Compose(ConfigOrigin origin, string? path, string problem)
    {
        var text = string.IsNullOrEmpty(path) ? $"{origin}: {problem}" : $"{origin}: {path}: {problem}";
        // The message is printed as one line by tools; a line break inside would split it.
        return text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
    }
}
