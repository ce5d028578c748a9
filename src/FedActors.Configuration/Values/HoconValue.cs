namespace FedActors.Configuration.Values;

/// <summary>A resolved, immutable configuration value. Trees of these may share subtrees (substitution copies).</summary>
internal abstract class HoconValue
{
    protected HoconValue(ConfigOrigin origin, long size, int depth)
    {
        if (size > ConfigLimits.MaxResolvedSize)
        {
            throw new ConfigException(origin, null, $"the configuration grows beyond {ConfigLimits.MaxResolvedSize} values after substitution; substitutions copy values too often");
        }
        if (depth > ConfigLimits.MaxNestingDepth)
        {
            throw new ConfigException(origin, null, $"values nest deeper than {ConfigLimits.MaxNestingDepth} levels after substitution");
        }
        Origin = origin;
        Size = size;
        Depth = depth;
    }

    /// <summary>Where the value was written.</summary>
    public ConfigOrigin Origin { get; }

    /// <summary>The number of values in this tree, counting shared subtrees once per occurrence.</summary>
    public long Size { get; }

    /// <summary>Nesting depth: 1 for a scalar.</summary>
    public int Depth { get; }

    /// <summary>The value's type.</summary>
    public abstract ConfigValueType Type { get; }

    /// <summary>Structural equality: same types, same keys in the same order, same texts. Origins are ignored.</summary>
    public abstract bool StructurallyEquals(HoconValue other);

    /// <summary>
    /// Merges <paramref name="newer"/> over <paramref name="older"/>: two objects merge key by key, anything else
    /// is replaced by the newer value (so <c>null</c> stops a merge).
    /// </summary>
    public static HoconValue Merge(HoconValue newer, HoconValue? older, ref long work)
    {
        if (older is HoconObject olderObject && newer is HoconObject newerObject)
        {
            return HoconObject.Merge(newerObject, olderObject, ref work);
        }
        return newer;
    }
}
