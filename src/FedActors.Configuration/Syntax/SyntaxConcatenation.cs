namespace FedActors.Configuration.Syntax;

/// <summary>
/// Values written next to each other on one line, at least one of them a substitution. Whether they form a
/// string, a list or an object is known only after resolution.
/// </summary>
internal sealed class SyntaxConcatenation : SyntaxValue
{
    public SyntaxConcatenation(List<SyntaxConcatenation.Part> parts, ConfigOrigin origin)
        : base(origin, hasSubstitution: true)
    {
        Parts = parts;
    }

    public List<Part> Parts { get; }

    /// <summary>One value of the concatenation and the whitespace written before it (kept in strings).</summary>
    internal readonly record struct Part(string Space, SyntaxValue Value);
}
