namespace FedActors.Federation.Scenarios;

/// <summary>
/// One <c>--set key=value</c> (or one sweep value): a key path relative to <c>scenario</c>
/// (<c>federation.clients</c>, <c>attacks.0.clients</c>) and a HOCON value text.
/// </summary>
/// <param name="Path">The key path, relative to <c>scenario</c>; a numeric element indexes the <c>attacks</c> list.</param>
/// <param name="Value">The value as HOCON text (<c>20%</c>, <c>[1, 2]</c>, <c>"text"</c>, <c>{ a = 1 }</c>).</param>
/// <param name="Origin">Where it came from, for error messages (<c>command line</c>).</param>
public sealed record ScenarioOverride(string Path, string Value, string Origin)
{
    /// <summary>Parses <c>key=value</c> as given to <c>--set</c>; a leading <c>scenario.</c> is optional.</summary>
    /// <param name="text">The argument.</param>
    /// <returns>The override, with origin <c>command line</c>.</returns>
    /// <exception cref="ScenarioException">There is no <c>=</c> or the key is empty.</exception>
    public static ScenarioOverride Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        var key = equals > 0 ? text[..equals].Trim() : string.Empty;
        if (key.Length == 0)
        {
            throw new ScenarioException($"--set {text}: expected key=value, e.g. --set federation.clients=50 or --set attacks.0.clients=20%");
        }

        if (key.StartsWith("scenario.", StringComparison.Ordinal))
        {
            key = key["scenario.".Length..];
        }

        return new ScenarioOverride(key, text[(equals + 1)..].Trim(), "command line");
    }

    /// <summary>The index into <c>attacks</c> and the key inside that attack, when the path is <c>attacks.N.key</c>.</summary>
    internal (int Index, string Key)? AttackElement
    {
        get
        {
            var parts = Path.Split('.', 3);
            return parts.Length == 3 && parts[0] == "attacks" && int.TryParse(parts[1], out var index) ? (index, parts[2]) : null;
        }
    }
}
