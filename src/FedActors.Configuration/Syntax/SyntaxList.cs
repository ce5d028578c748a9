namespace FedActors.Configuration.Syntax;

/// <summary>A list literal.</summary>
internal sealed class SyntaxList : SyntaxValue
{
    public SyntaxList(List<SyntaxValue> items, ConfigOrigin origin)
        : base(origin, items.Exists(i => i.HasSubstitution))
    {
        Items = items;
    }

    public List<SyntaxValue> Items { get; }
}
