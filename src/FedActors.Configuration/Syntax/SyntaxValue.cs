namespace FedActors.Configuration.Syntax;

/// <summary>A parsed, not yet resolved value: it may still contain substitutions.</summary>
internal abstract class SyntaxValue
{
    protected SyntaxValue(ConfigOrigin origin, bool hasSubstitution)
    {
        Origin = origin;
        HasSubstitution = hasSubstitution;
    }

    public ConfigOrigin Origin { get; }

    /// <summary>True when a substitution occurs anywhere inside this value.</summary>
    public bool HasSubstitution { get; }

    /// <summary>True when the value is a scalar or list, and so replaces (never merges with) an older value.</summary>
    public bool IsCertainlyNotObject => this is SyntaxScalar or SyntaxList;
}
