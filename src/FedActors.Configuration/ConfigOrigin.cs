namespace FedActors.Configuration;

/// <summary>
/// Where a configuration value or error comes from: a file (or origin name), a 1-based line and a 1-based column.
/// </summary>
/// <param name="File">The file path as it was given to the parser, or the origin name of a parsed string.</param>
/// <param name="Line">The 1-based line.</param>
/// <param name="Column">The 1-based column, counted in UTF-16 code units.</param>
public sealed record ConfigOrigin(string File, int Line, int Column)
{
    /// <summary>Renders the origin as <c>FILE:LINE:COLUMN</c>, the prefix of every configuration error.</summary>
    public override string ToString() => $"{File}:{Line}:{Column}";
}
