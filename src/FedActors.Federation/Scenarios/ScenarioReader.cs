using System.Globalization;
using FedActors.Configuration;

namespace FedActors.Federation.Scenarios;

/// <summary>
/// Reads one object of a scenario, collecting every problem as a located <see cref="ScenarioError"/>
/// instead of stopping at the first, and returning a harmless fallback for a bad value so later
/// checks do not cascade.
/// </summary>
internal sealed class ScenarioReader
{
    private readonly string _path;

    /// <summary>Reads <paramref name="config"/>, naming keys under <paramref name="path"/> (default: the config's own path).</summary>
    public ScenarioReader(Config config, List<ScenarioError> errors, string? path = null)
    {
        Config = config;
        Errors = errors;
        _path = path ?? config.Path;
    }

    public Config Config { get; }

    public List<ScenarioError> Errors { get; }

    public string Full(string key) => _path.Length == 0 ? key : $"{_path}.{key}";

    public ConfigOrigin Origin(string key) => Config.HasPath(key) ? Config.GetOrigin(key) : Config.Origin;

    public bool Has(string key) => Config.HasPath(key);

    public void Error(string key, string problem, string valid) => Errors.Add(new ScenarioError(Origin(key), Full(key), problem, valid));

    public T Get<T>(string key, Func<Config, string, T> read, T fallback, string valid)
    {
        try
        {
            return read(Config, key);
        }
        catch (ConfigException e)
        {
            // The configuration library locates the value; the path is ours, since an override's object has no path of its own.
            Errors.Add(new ScenarioError(e.Origin, Full(key), e.Problem, valid));
            return fallback;
        }
    }

    public int Int(string key, int min, int max, string valid)
    {
        var value = Get(key, static (c, k) => c.GetInt(k), min, valid);
        if (value < min || value > max)
        {
            Error(key, $"is {value}", valid);
            return min;
        }

        return value;
    }

    public long Long(string key, string valid) => Get(key, static (c, k) => c.GetLong(k), 0L, valid);

    public double Double(string key, Func<double, bool> ok, double fallback, string valid)
    {
        var value = Get(key, static (c, k) => c.GetDouble(k), fallback, valid);
        if (!double.IsFinite(value) || !ok(value))
        {
            Error(key, $"is {value.ToString(CultureInfo.InvariantCulture)}", valid);
            return fallback;
        }

        return value;
    }

    public bool Bool(string key) => Get(key, static (c, k) => c.GetBoolean(k), false, "on | off");

    public TimeSpan Duration(string key, string valid)
    {
        var value = Get(key, static (c, k) => c.GetTimeSpan(k), TimeSpan.FromSeconds(1), valid);
        if (value <= TimeSpan.Zero)
        {
            Error(key, $"is {value}", valid);
            return TimeSpan.FromSeconds(1);
        }

        return value;
    }

    public string Choice(string key, IReadOnlyList<string> choices)
    {
        var valid = string.Join(" | ", choices);
        var value = Get(key, static (c, k) => c.GetString(k), choices[0], valid);
        if (!choices.Contains(value))
        {
            Error(key, $"is '{value}'", valid + Suggest(value, choices));
            return choices[0];
        }

        return value;
    }

    public string Text(string key, string valid)
    {
        var value = Get(key, static (c, k) => c.GetString(k), string.Empty, valid);
        if (string.IsNullOrWhiteSpace(value))
        {
            Error(key, "is empty", valid);
        }

        return value;
    }

    public ScenarioReader? Child(string key)
    {
        var child = Get<Config?>(key, static (c, k) => c.GetConfig(k), null, "an object { … }");
        return child is null ? null : new ScenarioReader(child, Errors, Full(key));
    }

    /// <summary>Reports every key of this object that is not in <paramref name="allowed"/>.</summary>
    public void RejectUnknownKeys(IReadOnlyCollection<string> allowed, string? what = null)
    {
        foreach (var key in Config.Keys.Where(k => !allowed.Contains(k)))
        {
            var quoted = Quote(key);
            Errors.Add(new ScenarioError(
                Config.GetOrigin(quoted),
                Full(quoted),
                what is null ? "unknown key" : $"unknown key for {what}",
                $"one of {string.Join(", ", allowed)}" + Suggest(key, allowed)));
        }
    }

    public static string Quote(string key) =>
        key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? key
            : "\"" + key.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static string Suggest(string value, IEnumerable<string> choices)
    {
        var best = choices.Select(c => (c, d: Distance(value, c))).OrderBy(x => x.d).FirstOrDefault();
        return best.c is not null && best.d <= Math.Max(1, value.Length / 3) ? $" (did you mean '{best.c}'?)" : string.Empty;
    }

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
