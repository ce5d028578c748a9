using FedActors.Configuration.Values;

namespace FedActors.Configuration.Syntax;

/// <summary>A string, number, boolean or null as written.</summary>
internal sealed class SyntaxScalar : SyntaxValue
{
    public SyntaxScalar(HoconScalar value)
        : base(value.Origin, hasSubstitution: false)
    {
        Value = value;
    }

    public HoconScalar Value { get; }
}
