using FedActors.Configuration.Values;

namespace FedActors.Configuration.Syntax;

/// <summary>
/// The assignments of one key, oldest first. Object literals are merged as they come; an assignment that
/// certainly replaces the older ones drops them; anything that depends on substitutions is stacked, and the
/// resolver folds the stack (each element sees the older ones as the "previous value" for self-references).
/// </summary>
internal sealed class SyntaxField
{
    public SyntaxField(SyntaxValue value)
    {
        Stack.Add(value);
    }

    public List<SyntaxValue> Stack { get; } = [];

    /// <summary>Resolution state, used by the resolver only.</summary>
    public bool Resolving { get; set; }

    /// <summary>True when <see cref="Resolved"/> holds the result (which is null when the field is undefined).</summary>
    public bool IsResolved { get; set; }

    public HoconValue? Resolved { get; set; }

    public void Add(SyntaxValue value)
    {
        var top = Stack[^1];
        if (value is SyntaxObject newer && top is SyntaxObject older)
        {
            older.MergeFrom(newer);
            return;
        }
        var replaces = value is SyntaxObject ? top.IsCertainlyNotObject : !value.HasSubstitution;
        if (replaces)
        {
            Stack.Clear();
        }
        Stack.Add(value);
    }
}
