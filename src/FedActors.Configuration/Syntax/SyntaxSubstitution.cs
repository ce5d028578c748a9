namespace FedActors.Configuration.Syntax;

/// <summary>
/// <c>${path}</c> or <c>${?path}</c>. In an included file the path is prefixed with the include location;
/// <see cref="WrittenPath"/> is tried when the prefixed path does not exist, and names the environment variable.
/// </summary>
internal sealed class SyntaxSubstitution : SyntaxValue
{
    public SyntaxSubstitution(string[] path, string[] writtenPath, bool optional, ConfigOrigin origin)
        : base(origin, hasSubstitution: true)
    {
        Path = path;
        WrittenPath = writtenPath;
        Optional = optional;
    }

    public string[] Path { get; }

    public string[] WrittenPath { get; }

    public bool Optional { get; }

    public override string ToString() => $"${{{(Optional ? "?" : "")}{ConfigPath.Render(WrittenPath)}}}";
}
