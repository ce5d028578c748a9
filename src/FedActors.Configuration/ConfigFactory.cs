using FedActors.Configuration.Parsing;
using FedActors.Configuration.Resolution;
using FedActors.Configuration.Syntax;

namespace FedActors.Configuration;

/// <summary>
/// Parses HOCON text and files into resolved <see cref="Config"/> objects, and holds the embedded
/// <c>reference.conf</c> with the documented defaults of every <c>fedactors.*</c> setting.
/// </summary>
/// <remarks>
/// Substitutions are resolved against the whole document being parsed, then against environment variables.
/// To let a file refer to defaults (<c>${fedactors...}</c>), use <see cref="Load"/>, which resolves the file and
/// <c>reference.conf</c> together.
/// </remarks>
public static class ConfigFactory
{
    private const string ReferenceResource = "reference.conf";

    private static readonly Lazy<string> ReferenceText = new(ReadReference);
    private static readonly Lazy<Config> ReferenceConfig = new(() => Resolve(ParseReference()));

    /// <summary>
    /// The documented defaults (<c>hocon/reference.conf</c>, embedded in this assembly), resolved.
    /// Settings objects read their section from this, or from <see cref="Load"/>'s result.
    /// </summary>
    public static Config Reference => ReferenceConfig.Value;

    /// <summary>
    /// Parses and resolves HOCON <paramref name="text"/>. Errors are located at <paramref name="originName"/>;
    /// includes are looked up relative to the current directory.
    /// </summary>
    /// <exception cref="ConfigException">The text is not valid HOCON, or a substitution or include fails.</exception>
    public static Config ParseString(string text, string originName = "string")
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(originName);
        return Resolve(new ParseSession().ParseText(text, originName, directory: null));
    }

    /// <summary>
    /// Parses and resolves the HOCON file at <paramref name="path"/>; includes are looked up relative to the file.
    /// Errors name the file as <paramref name="path"/> was written.
    /// </summary>
    /// <exception cref="ConfigException">The file is missing or unreadable, not valid HOCON, or a substitution or include fails.</exception>
    public static Config ParseFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Resolve(new ParseSession().ParseFile(path));
    }

    /// <summary>
    /// The file at <paramref name="path"/> with <see cref="Reference"/> as fallback, resolved together: the file
    /// overrides defaults key by key, and its substitutions may refer to defaults.
    /// </summary>
    /// <exception cref="ConfigException">The file is missing or unreadable, not valid HOCON, or a substitution or include fails.</exception>
    public static Config Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = new ParseSession().ParseFile(path);
        var merged = ParseReference();
        merged.MergeFrom(file);
        return Resolve(merged);
    }

    private static Config Resolve(SyntaxObject root) => new(Resolver.Resolve(root), "");

    private static SyntaxObject ParseReference() =>
        new ParseSession().ParseText(ReferenceText.Value, ReferenceResource, AppContext.BaseDirectory);

    private static string ReadReference()
    {
        using var stream = typeof(ConfigFactory).Assembly.GetManifestResourceStream(ReferenceResource)
            ?? throw new InvalidOperationException($"the {ReferenceResource} resource is missing from {typeof(ConfigFactory).Assembly.GetName().Name}; the build embeds hocon/{ReferenceResource}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
