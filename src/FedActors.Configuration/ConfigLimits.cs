namespace FedActors.Configuration;

/// <summary>
/// Bounds that keep parsing and resolution linear-ish and stack-safe on any input, including hostile input.
/// </summary>
internal static class ConfigLimits
{
    /// <summary>Deepest nesting of objects and lists, counting every segment of a dotted key.</summary>
    public const int MaxNestingDepth = 200;

    /// <summary>Deepest recursion while resolving (nested fields plus chained substitutions).</summary>
    public const int MaxResolveDepth = 1000;

    /// <summary>Most values a resolved configuration may hold, counting every shared copy made by substitution.</summary>
    public const long MaxResolvedSize = 10_000_000;

    /// <summary>Work budget for one resolution (string characters / 16, list items and object fields copied).</summary>
    public const long MaxResolveWork = 30_000_000;

    /// <summary>Deepest chain of nested includes.</summary>
    public const int MaxIncludeDepth = 32;

    /// <summary>Most characters read from files for one parse, all includes together.</summary>
    public const long MaxTotalCharacters = 64L * 1024 * 1024;
}
