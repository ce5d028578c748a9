using System.Runtime.CompilerServices;
using System.Text;
using FedActors.Configuration.Syntax;
using FedActors.Configuration.Values;

namespace FedActors.Configuration.Resolution;

/// <summary>
/// Resolves substitutions after parsing, against the whole (merged) document.
/// </summary>
/// <remarks>
/// Each field is resolved at most once and cached, so resolution is linear in the number of fields plus the
/// size of the values it builds; a work budget bounds the latter (strings or lists doubled by chained
/// substitutions). A substitution whose path is the field being defined, or lies under it, is a
/// self-reference: it reads the field's previous value (the older assignments), as HOCON.md specifies.
/// Any other substitution is looked up from the root; a field met again while it is being resolved is a cycle.
/// </remarks>
internal sealed class Resolver
{
    private const int MaxStringLength = 4 * 1024 * 1024;

    private readonly SyntaxObject _root;
    private readonly List<string[]> _chain = [];
    private readonly HashSet<SyntaxField> _probing = [];
    private long _work;

    private Resolver(SyntaxObject root)
    {
        _root = root;
    }

    /// <summary>Resolves every substitution of <paramref name="root"/> and returns the immutable tree.</summary>
    public static HoconObject Resolve(SyntaxObject root) => new Resolver(root).ResolveObject(root, [], null);

    private HoconObject ResolveObject(SyntaxObject obj, string[] path, HoconObject? below)
    {
        var fields = new OrderedDictionary<string, HoconValue>(StringComparer.Ordinal);
        foreach (var (key, field) in obj.Fields)
        {
            HoconValue? older = null;
            below?.TryGetValue(key, out older);
            var value = ResolveField(field, [.. path, key], older);
            if (value is not null)
            {
                fields.Add(key, value);
            }
        }
        return new HoconObject(fields, obj.Origin);
    }

    private HoconValue? ResolveField(SyntaxField field, string[] path, HoconValue? below)
    {
        if (field.IsResolved)
        {
            return field.Resolved;
        }
        if (_chain.Count >= ConfigLimits.MaxResolveDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new ConfigException(field.Stack[0].Origin, ConfigPath.Render(path), $"nesting or substitution chain deeper than {ConfigLimits.MaxResolveDepth} levels");
        }
        field.Resolving = true;
        _chain.Add(path);
        try
        {
            var partial = below;
            foreach (var element in field.Stack)
            {
                var value = ResolveValue(element, path, partial, mergeChildren: true);
                if (value is not null)
                {
                    partial = HoconValue.Merge(value, partial, ref _work);
                }
            }
            field.Resolved = partial;
            field.IsResolved = true;
            return partial;
        }
        finally
        {
            _chain.RemoveAt(_chain.Count - 1);
            field.Resolving = false;
        }
    }

    /// <summary>
    /// Resolves one value written at <paramref name="path"/>; <paramref name="below"/> is the field's previous
    /// value. Returns <see langword="null"/> when the value is undefined (an optional substitution that is missing).
    /// </summary>
    private HoconValue? ResolveValue(SyntaxValue value, string[] path, HoconValue? below, bool mergeChildren) => value switch
    {
        SyntaxScalar scalar => scalar.Value,
        SyntaxObject obj => ResolveObject(obj, path, mergeChildren ? below as HoconObject : null),
        SyntaxList list => ResolveList(list, path, below),
        SyntaxSubstitution substitution => ResolveSubstitution(substitution, path, below),
        SyntaxConcatenation concatenation => ResolveConcatenation(concatenation, path, below),
        _ => throw new InvalidOperationException($"unknown syntax node {value.GetType().Name}"),
    };

    private HoconList ResolveList(SyntaxList list, string[] path, HoconValue? below)
    {
        var items = new List<HoconValue>(list.Items.Count);
        foreach (var item in list.Items)
        {
            var value = ResolveValue(item, path, below, mergeChildren: false);
            if (value is not null)
            {
                items.Add(value);
            }
        }
        Spend(items.Count, list.Origin, path);
        return new HoconList(items, list.Origin);
    }

    private HoconValue? ResolveSubstitution(SyntaxSubstitution substitution, string[] path, HoconValue? below)
    {
        var found = Find(substitution, substitution.Path, path, below);
        if (found is null && substitution.WrittenPath.Length != substitution.Path.Length)
        {
            // In an included file, ${x} means the included x first, then the root's x.
            found = Find(substitution, substitution.WrittenPath, path, below);
        }
        if (found is null)
        {
            var variable = Environment.GetEnvironmentVariable(string.Join('.', substitution.WrittenPath));
            if (variable is not null)
            {
                found = new HoconScalar(ConfigValueType.String, variable, substitution.Origin);
            }
        }
        if (found is null && !substitution.Optional)
        {
            throw new ConfigException(substitution.Origin, ConfigPath.Render(path),
                $"cannot resolve {substitution}: there is no setting '{ConfigPath.Render(substitution.Path)}' and no environment variable '{string.Join('.', substitution.WrittenPath)}' (use ${{?...}} if it may be absent)");
        }
        return found;
    }

    private HoconValue? Find(SyntaxSubstitution substitution, string[] target, string[] path, HoconValue? below)
    {
        if (StartsWith(target, path))
        {
            return Descend(below, target, path.Length);
        }
        return Lookup(substitution, target);
    }

    private HoconValue? Lookup(SyntaxSubstitution substitution, string[] target)
    {
        var obj = _root;
        for (var i = 0; i < target.Length; i++)
        {
            if (!obj.Fields.TryGetValue(target[i], out var field))
            {
                return null;
            }
            // Walking through a plain object literal needs only the one child, not the whole object:
            // this is what lets a field refer to its siblings.
            if (i < target.Length - 1 && !field.IsResolved && field.Stack is [SyntaxObject inner])
            {
                obj = inner;
                continue;
            }
            if (field.Resolving)
            {
                if (i + 2 == target.Length && TryFindFinalChild(field, target[..(i + 1)], target[i + 1], out var child))
                {
                    return child;
                }
                var chain = _chain.Select(ConfigPath.Render).ToList();
                var prefix = ConfigPath.Render(target[..(i + 1)]);
                var cycle = string.Join(" -> ", chain.Skip(Math.Max(0, chain.IndexOf(prefix))).Append(prefix));
                throw new ConfigException(substitution.Origin, chain.Count > 0 ? chain[^1] : null,
                    $"substitution {substitution} is part of a cycle: {cycle}");
            }
            return Descend(ResolveField(field, target[..(i + 1)], null), target, i + 1);
        }
        return null;
    }

    /// <summary>
    /// Finds the final value of <paramref name="key"/> in a field that is still being resolved, when it can be
    /// known without the rest of the field: scanning assignments newest first, the first one that defines the key
    /// with a scalar or list decides it. This lets <c>svc = ${base} { a = 1, b = ${svc.a} }</c> resolve.
    /// </summary>
    private bool TryFindFinalChild(SyntaxField field, string[] fieldPath, string key, out HoconValue? child)
    {
        child = null;
        // Probing may look up other fields that are being resolved; probing one twice would never end.
        if (!_probing.Add(field))
        {
            return false;
        }
        try
        {
            return ProbeFinalChild(field, fieldPath, key, out child);
        }
        finally
        {
            _probing.Remove(field);
        }
    }

    private bool ProbeFinalChild(SyntaxField field, string[] fieldPath, string key, out HoconValue? child)
    {
        child = null;
        for (var e = field.Stack.Count - 1; e >= 0; e--)
        {
            var element = field.Stack[e];
            var parts = element is SyntaxConcatenation concatenation ? concatenation.Parts.ConvertAll(p => p.Value) : [element];
            for (var p = parts.Count - 1; p >= 0; p--)
            {
                switch (parts[p])
                {
                    case SyntaxObject obj when !obj.Fields.TryGetValue(key, out _):
                        continue;
                    case SyntaxObject obj when obj.Fields[key].Stack[^1] is SyntaxScalar scalar:
                        child = scalar.Value;
                        return true;
                    case SyntaxSubstitution substitution when !StartsWith(substitution.Path, fieldPath):
                        var found = Descend(Lookup(substitution, substitution.Path), [key], 0);
                        if (found is null)
                        {
                            continue;
                        }
                        child = found;
                        return found is not HoconObject;
                    default:
                        return false;
                }
            }
        }
        return false;
    }

    private static HoconValue? Descend(HoconValue? value, string[] target, int from)
    {
        for (var i = from; i < target.Length; i++)
        {
            if (value is not HoconObject obj || !obj.TryGetValue(target[i], out var child))
            {
                return null;
            }
            value = child;
        }
        return value;
    }

    private HoconValue? ResolveConcatenation(SyntaxConcatenation concatenation, string[] path, HoconValue? below)
    {
        var values = new List<(string Space, HoconValue Value)>(concatenation.Parts.Count);
        foreach (var part in concatenation.Parts)
        {
            var value = ResolveValue(part.Value, path, below, mergeChildren: true);
            if (value is not null)
            {
                values.Add((values.Count == 0 ? "" : part.Space, value));
            }
        }
        if (values.Count == 0)
        {
            return null;
        }
        if (values.Count == 1)
        {
            return values[0].Value;
        }
        var origin = concatenation.Origin;
        if (values.TrueForAll(v => v.Value is HoconObject))
        {
            var merged = values[0].Value;
            for (var i = 1; i < values.Count; i++)
            {
                merged = HoconValue.Merge(values[i].Value, merged, ref _work);
            }
            return merged;
        }
        if (values.TrueForAll(v => v.Value is HoconList))
        {
            var items = new List<HoconValue>();
            foreach (var (_, value) in values)
            {
                items.AddRange(((HoconList)value).Items);
            }
            Spend(items.Count, origin, path);
            return new HoconList(items, origin);
        }
        if (values.TrueForAll(v => v.Value is HoconScalar))
        {
            var builder = new StringBuilder();
            foreach (var (space, value) in values)
            {
                builder.Append(space).Append(((HoconScalar)value).Text);
                if (builder.Length > MaxStringLength)
                {
                    throw new ConfigException(origin, ConfigPath.Render(path), $"the concatenated string is longer than {MaxStringLength} characters");
                }
            }
            Spend(builder.Length / 4, origin, path);
            return new HoconScalar(ConfigValueType.String, builder.ToString(), origin);
        }
        var kinds = string.Join(", ", values.Select(v => Describe(v.Value)).Distinct());
        throw new ConfigException(origin, ConfigPath.Render(path), $"cannot concatenate {kinds}: a concatenation must be all objects, all lists, or all strings/numbers/booleans");
    }

    private static string Describe(HoconValue value) => value.Type switch
    {
        ConfigValueType.Object => "an object",
        ConfigValueType.List => "a list",
        ConfigValueType.Null => "null",
        _ => "a string",
    };

    private void Spend(long work, ConfigOrigin origin, string[] path)
    {
        _work += work + 1;
        if (_work > ConfigLimits.MaxResolveWork)
        {
            throw new ConfigException(origin, ConfigPath.Render(path), "resolving substitutions takes too much work; substitutions copy and concatenate values too often");
        }
    }

    private static bool StartsWith(string[] target, string[] prefix)
    {
        if (prefix.Length == 0 || target.Length < prefix.Length)
        {
            return false;
        }
        for (var i = 0; i < prefix.Length; i++)
        {
            if (!string.Equals(target[i], prefix[i], StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }
}
