using System.Globalization;
using FedActors.Configuration.Rendering;
using FedActors.Configuration.Values;

namespace FedActors.Configuration;

/// <summary>
/// An immutable, fully resolved configuration object with typed getters in Akka's style.
/// </summary>
/// <remarks>
/// Paths are HOCON path expressions relative to this object (<c>"failure-detector.threshold"</c>, quote an
/// element that contains a dot). Every getter throws <see cref="ConfigException"/> when the setting is missing,
/// null, or cannot be converted; the message starts with the value's <c>FILE:LINE:COLUMN</c> and names the full
/// key path (including the path of this object when it came from <see cref="GetConfig"/>). Strings convert to
/// numbers and booleans and numbers to strings, as HOCON.md's automatic conversions allow, and list getters accept
/// numerically-indexed objects. A path that is not a valid path expression (empty, or with an empty element)
/// is a programming error and throws <see cref="ArgumentException"/>.
/// </remarks>
public sealed class Config
{
    private static readonly ConfigOrigin EmptyOrigin = new("(empty configuration)", 1, 1);

    private readonly HoconObject _root;

    internal Config(HoconObject root, string path)
    {
        _root = root;
        Path = path;
    }

    /// <summary>A configuration with no settings.</summary>
    public static Config Empty { get; } = new(HoconObject.Empty(EmptyOrigin), "");

    /// <summary>The path of this object inside the configuration it was taken from; empty for a root.</summary>
    public string Path { get; }

    /// <summary>Where this object was written (for a root, the start of the document).</summary>
    public ConfigOrigin Origin => _root.Origin;

    /// <summary>True when this object has no keys.</summary>
    public bool IsEmpty => _root.Count == 0;

    /// <summary>The keys of this object, in the order they were first written (including keys set to null).</summary>
    public IReadOnlyList<string> Keys => [.. _root.Keys];

    internal HoconObject Root => _root;

    /// <summary>True when <paramref name="path"/> names a setting whose value is not null.</summary>
    public bool HasPath(string path) => Find(path).Value is { Type: not ConfigValueType.Null };

    /// <summary>The type of the value at <paramref name="path"/>; throws when there is no setting there.</summary>
    public ConfigValueType GetValueType(string path) => Require(path, allowNull: true).Value.Type;

    /// <summary>Where the value at <paramref name="path"/> was written; throws when there is no setting there.</summary>
    public ConfigOrigin GetOrigin(string path) => Require(path, allowNull: true).Value.Origin;

    /// <summary>The value as a string: strings as written, numbers as their literal text, booleans as true/false.</summary>
    public string GetString(string path)
    {
        var (value, full) = Require(path);
        return AsString(value, full);
    }

    /// <summary>The value as a 32-bit integer (a number or a string holding one, without fraction).</summary>
    public int GetInt(string path)
    {
        var (value, full) = Require(path);
        return AsInt(value, full);
    }

    /// <summary>The value as a 64-bit integer (a number or a string holding one, without fraction).</summary>
    public long GetLong(string path)
    {
        var (value, full) = Require(path);
        return AsLong(value, full);
    }

    /// <summary>The value as a finite double.</summary>
    public double GetDouble(string path)
    {
        var (value, full) = Require(path);
        return AsDouble(value, full);
    }

    /// <summary>The value as a boolean: true/false, on/off or yes/no (any letter case).</summary>
    public bool GetBoolean(string path)
    {
        var (value, full) = Require(path);
        return AsBoolean(value, full);
    }

    /// <summary>
    /// The value as a duration: a number with a unit (ns, us, ms, s, m, h, d or their long forms), a bare number
    /// meaning milliseconds, or <c>infinite</c>, which is <see cref="Timeout.InfiniteTimeSpan"/>.
    /// </summary>
    public TimeSpan GetTimeSpan(string path)
    {
        var (value, full) = Require(path);
        return AsTimeSpan(value, full);
    }

    /// <summary>
    /// The value as a size in bytes: a bare number of bytes, or a number with a unit (B; kB/KB, MB, GB… as powers
    /// of 1000; K/KiB, M/MiB, G/GiB… as powers of 1024), rounded down to whole bytes.
    /// </summary>
    public long GetByteSize(string path)
    {
        var (value, full) = Require(path);
        return AsByteSize(value, full);
    }

    /// <summary>The object at <paramref name="path"/> as a configuration whose paths are relative to it.</summary>
    public Config GetConfig(string path)
    {
        var (value, full) = Require(path);
        return value is HoconObject obj ? new Config(obj, full) : throw WrongType(value, full, "an object");
    }

    /// <summary>The list at <paramref name="path"/>, each element converted to a string.</summary>
    public IReadOnlyList<string> GetStringList(string path) => GetList(path, AsString);

    /// <summary>The list at <paramref name="path"/>, each element converted to a 32-bit integer.</summary>
    public IReadOnlyList<int> GetIntList(string path) => GetList(path, AsInt);

    /// <summary>The list at <paramref name="path"/>, each element converted to a 64-bit integer.</summary>
    public IReadOnlyList<long> GetLongList(string path) => GetList(path, AsLong);

    /// <summary>The list at <paramref name="path"/>, each element converted to a double.</summary>
    public IReadOnlyList<double> GetDoubleList(string path) => GetList(path, AsDouble);

    /// <summary>The list at <paramref name="path"/>, each element converted to a boolean.</summary>
    public IReadOnlyList<bool> GetBooleanList(string path) => GetList(path, AsBoolean);

    /// <summary>The list at <paramref name="path"/>, each element converted to a duration.</summary>
    public IReadOnlyList<TimeSpan> GetTimeSpanList(string path) => GetList(path, AsTimeSpan);

    /// <summary>
    /// The list of objects at <paramref name="path"/> (such as <c>attacks = [ {...}, {...} ]</c>), each as a
    /// configuration; error messages name elements as <c>path[i].key</c>.
    /// </summary>
    public IReadOnlyList<Config> GetConfigList(string path) =>
        GetList(path, (value, full) => value is HoconObject obj ? new Config(obj, full) : throw WrongType(value, full, "an object"));

    /// <summary>
    /// This configuration with <paramref name="fallback"/> underneath: objects merge key by key, and a value here
    /// (including null) hides the fallback's value at the same path.
    /// </summary>
    public Config WithFallback(Config fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        if (fallback.IsEmpty)
        {
            return this;
        }
        long work = 0;
        return new Config(HoconObject.Merge(_root, fallback._root, ref work), Path);
    }

    /// <summary>
    /// An exception for a setting that is present but invalid, located at the value and naming its full path
    /// and current value: <c>FILE:LINE:COLUMN: fedactors.x.threshold must be &gt; 0, was -1</c>.
    /// </summary>
    /// <param name="path">The setting, relative to this object.</param>
    /// <param name="requirement">What a valid value is, e.g. <c>must be &gt; 0</c>.</param>
    public ConfigException Invalid(string path, string requirement)
    {
        var (value, full) = Require(path, allowNull: true);
        return new ConfigException(value.Origin, null, $"{full} {requirement}, was {Describe(value)}");
    }

    /// <summary>This object rendered as HOCON (root braces omitted) that parses back to an equal configuration.</summary>
    public string ToHocon() => ConfigRenderer.ToHocon(_root);

    /// <summary>This object rendered as one JSON object; numbers, booleans and null keep their JSON types.</summary>
    public string ToJson() => ConfigRenderer.ToJson(_root);

    /// <summary>Same as <see cref="ToHocon"/>.</summary>
    public override string ToString() => ToHocon();

    private IReadOnlyList<T> GetList<T>(string path, Func<HoconValue, string, T> convert)
    {
        var (value, full) = Require(path);
        var items = value switch
        {
            HoconList list => list.Items,
            HoconObject obj when NumericallyIndexed(obj) is { Count: > 0 } indexed => indexed,
            _ => throw WrongType(value, full, "a list"),
        };
        var result = new T[items.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var item = items[i];
            var itemPath = $"{full}[{i}]";
            if (item.Type == ConfigValueType.Null)
            {
                throw new ConfigException(item.Origin, itemPath, "is null; a value is required here");
            }
            result[i] = convert(item, itemPath);
        }
        return result;
    }

    /// <summary>
    /// HOCON.md's "conversion of numerically-indexed objects to arrays": the values under integer keys, in key
    /// order (other keys are ignored), so that <c>a.0 = x, a.1 = y</c> reads as a list.
    /// </summary>
    private static List<HoconValue> NumericallyIndexed(HoconObject obj) =>
        [.. obj.Fields
            .Select(f => (Ok: int.TryParse(f.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var index), Index: index, f.Value))
            .Where(f => f.Ok)
            .OrderBy(f => f.Index)
            .Select(f => f.Value)];

    private (HoconValue? Value, string FullPath, HoconObject Deepest) Find(string path)
    {
        var elements = ConfigPath.Parse(path);
        HoconObject current = _root;
        var full = Path;
        HoconValue? value = _root;
        foreach (var element in elements)
        {
            full = ConfigPath.Append(full, element);
            if (value is not HoconObject obj)
            {
                return (null, full, current);
            }
            current = obj;
            value = obj.TryGetValue(element, out var child) ? child : null;
        }
        return (value, full, current);
    }

    private (HoconValue Value, string FullPath) Require(string path, bool allowNull = false)
    {
        var (value, full, deepest) = Find(path);
        if (value is null)
        {
            throw new ConfigException(deepest.Origin, full, "setting is missing: add it to the configuration (or check its spelling)");
        }
        if (!allowNull && value.Type == ConfigValueType.Null)
        {
            throw new ConfigException(value.Origin, full, "is null; a value is required here");
        }
        return (value, full);
    }

    private static string AsString(HoconValue value, string path) => value switch
    {
        HoconScalar scalar => scalar.Text,
        _ => throw WrongType(value, path, "a string"),
    };

    private static long AsLong(HoconValue value, string path)
    {
        if (value is HoconScalar { Type: ConfigValueType.Number or ConfigValueType.String } scalar)
        {
            var text = scalar.Text.Trim();
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var result))
            {
                return result;
            }
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real)
                && real == Math.Floor(real) && real >= long.MinValue && real < long.MaxValue)
            {
                return (long)real;
            }
        }
        throw WrongType(value, path, "an integer");
    }

    private static int AsInt(HoconValue value, string path)
    {
        var result = AsLong(value, path);
        return result is >= int.MinValue and <= int.MaxValue
            ? (int)result
            : throw new ConfigException(value.Origin, path, $"{result} is outside the range of a 32-bit integer ({int.MinValue} to {int.MaxValue})");
    }

    private static double AsDouble(HoconValue value, string path)
    {
        if (value is HoconScalar { Type: ConfigValueType.Number or ConfigValueType.String } scalar
            && double.TryParse(scalar.Text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var result)
            && double.IsFinite(result))
        {
            return result;
        }
        throw WrongType(value, path, "a number");
    }

    private static bool AsBoolean(HoconValue value, string path)
    {
        if (value is HoconScalar { Type: ConfigValueType.Boolean or ConfigValueType.String } scalar)
        {
            switch (scalar.Text.Trim().ToLowerInvariant())
            {
                case "true" or "on" or "yes":
                    return true;
                case "false" or "off" or "no":
                    return false;
            }
        }
        throw WrongType(value, path, "a boolean (true/false, on/off, yes/no)");
    }

    private static TimeSpan AsTimeSpan(HoconValue value, string path)
    {
        if (value is HoconScalar { Type: ConfigValueType.Number } number
            && double.TryParse(number.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var millis)
            && Math.Round(millis * TimeSpan.TicksPerMillisecond) is var ticks
            && Math.Abs(ticks) < TimeSpan.MaxValue.Ticks)
        {
            return TimeSpan.FromTicks((long)ticks);
        }
        if (value is HoconScalar { Type: ConfigValueType.String } text && UnitParser.TryParseDuration(text.Text, out var duration))
        {
            return duration;
        }
        throw WrongType(value, path, UnitParser.DurationFormat);
    }

    private static long AsByteSize(HoconValue value, string path)
    {
        if (value is HoconScalar { Type: ConfigValueType.Number or ConfigValueType.String } scalar
            && UnitParser.TryParseSize(scalar.Text, out var bytes))
        {
            return bytes;
        }
        throw WrongType(value, path, UnitParser.SizeFormat);
    }

    private static ConfigException WrongType(HoconValue value, string path, string expected) =>
        new(value.Origin, path, $"expected {expected}, found {Describe(value)}");

    private static string Describe(HoconValue value) => value switch
    {
        HoconObject => "an object",
        HoconList => "a list",
        HoconScalar { Type: ConfigValueType.String } s => "string " + ConfigPath.Quote(s.Text.Length > 80 ? s.Text[..80] + "..." : s.Text),
        HoconScalar s => s.Text,
        _ => value.Type.ToString(),
    };
}
