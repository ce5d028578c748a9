namespace FedActors.Configuration.Values;

/// <summary>An immutable object: keys in the order they were first written, mapped to values.</summary>
internal sealed class HoconObject : HoconValue
{
    private readonly OrderedDictionary<string, HoconValue> _fields;

    public HoconObject(OrderedDictionary<string, HoconValue> fields, ConfigOrigin origin)
        : base(origin, 1 + SizeOf(fields.Values), 1 + DepthOf(fields.Values))
    {
        _fields = fields;
    }

    /// <summary>The total size of <paramref name="values"/>.</summary>
    internal static long SizeOf(IEnumerable<HoconValue> values)
    {
        long size = 0;
        foreach (var value in values)
        {
            size += value.Size;
        }
        return size;
    }

    /// <summary>The greatest depth among <paramref name="values"/>, 0 when there are none.</summary>
    internal static int DepthOf(IEnumerable<HoconValue> values)
    {
        var depth = 0;
        foreach (var value in values)
        {
            depth = Math.Max(depth, value.Depth);
        }
        return depth;
    }

    public static HoconObject Empty(ConfigOrigin origin) => new(new OrderedDictionary<string, HoconValue>(StringComparer.Ordinal), origin);

    public override ConfigValueType Type => ConfigValueType.Object;

    public int Count => _fields.Count;

    public IEnumerable<string> Keys => _fields.Keys;

    public IEnumerable<KeyValuePair<string, HoconValue>> Fields => _fields;

    public bool TryGetValue(string key, out HoconValue value) => _fields.TryGetValue(key, out value!);

    public static HoconObject Merge(HoconObject newer, HoconObject older, ref long work)
    {
        work += newer.Count + older.Count;
        if (work > ConfigLimits.MaxResolveWork)
        {
            throw new ConfigException(newer.Origin, null, "merging objects takes too much work; substitutions copy and merge values too often");
        }
        var fields = new OrderedDictionary<string, HoconValue>(older._fields, StringComparer.Ordinal);
        foreach (var (key, value) in newer._fields)
        {
            fields[key] = older._fields.TryGetValue(key, out var previous) ? HoconValue.Merge(value, previous, ref work) : value;
        }
        return new HoconObject(fields, newer.Origin);
    }

    public override bool StructurallyEquals(HoconValue other)
    {
        if (other is not HoconObject obj || obj.Count != Count)
        {
            return false;
        }
        using var mine = _fields.GetEnumerator();
        using var theirs = obj._fields.GetEnumerator();
        while (mine.MoveNext() && theirs.MoveNext())
        {
            if (!string.Equals(mine.Current.Key, theirs.Current.Key, StringComparison.Ordinal)
                || !mine.Current.Value.StructurallyEquals(theirs.Current.Value))
            {
                return false;
            }
        }
        return true;
    }
}
