namespace FedActors.Configuration.Syntax;

/// <summary>An object literal; duplicate keys are merged into each field's assignment stack as they are parsed.</summary>
internal sealed class SyntaxObject : SyntaxValue
{
    public SyntaxObject(ConfigOrigin origin)
        : base(origin, hasSubstitution: false)
    {
    }

    public OrderedDictionary<string, SyntaxField> Fields { get; } = new(StringComparer.Ordinal);

    /// <summary>Adds one assignment <c>key = value</c> (the key is a single path element).</summary>
    public void Assign(string key, SyntaxValue value)
    {
        if (Fields.TryGetValue(key, out var field))
        {
            field.Add(value);
        }
        else
        {
            Fields.Add(key, new SyntaxField(value));
        }
    }

    /// <summary>Merges every assignment of <paramref name="newer"/> into this object, as if written after its own fields.</summary>
    public void MergeFrom(SyntaxObject newer)
    {
        foreach (var (key, field) in newer.Fields)
        {
            if (Fields.TryGetValue(key, out var existing))
            {
                foreach (var value in field.Stack)
                {
                    existing.Add(value);
                }
            }
            else
            {
                Fields.Add(key, field);
            }
        }
    }
}
