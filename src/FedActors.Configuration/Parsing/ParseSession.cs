using FedActors.Configuration.Syntax;

namespace FedActors.Configuration.Parsing;

/// <summary>
/// One parse of a document and everything it includes: finds and reads included files, detects include
/// cycles and bounds the total amount of text read.
/// </summary>
internal sealed class ParseSession
{
    private readonly List<string> _fileChain = [];
    private long _characters;

    /// <summary>Parses a document held in memory; its includes are looked up relative to <paramref name="directory"/>.</summary>
    public SyntaxObject ParseText(string text, string originName, string? directory)
    {
        Count(text.Length, new ConfigOrigin(originName, 1, 1));
        return HoconParser.Parse(text, originName, directory, [], this);
    }

    /// <summary>Parses a file; a missing or unreadable file is a <see cref="ConfigException"/> located at the file.</summary>
    public SyntaxObject ParseFile(string path)
    {
        var origin = new ConfigOrigin(path, 1, 1);
        if (!File.Exists(path))
        {
            var where = path.Length == 0 || path.Contains('\0', StringComparison.Ordinal) ? "" : $" (full path {Path.GetFullPath(path)})";
            throw new ConfigException(origin, null, $"file not found{where}");
        }
        return ParseFileAt(path, origin, []);
    }

    /// <summary>
    /// Resolves <c>include</c>: returns the included object, or <see langword="null"/> when the file does not exist
    /// and the include is not required.
    /// </summary>
    public SyntaxObject? Include(string name, bool required, ConfigOrigin at, string? directory, string[] prefix)
    {
        if (_fileChain.Count >= ConfigLimits.MaxIncludeDepth)
        {
            throw new ConfigException(at, null, $"includes nest deeper than {ConfigLimits.MaxIncludeDepth} files");
        }
        var basePath = Path.IsPathRooted(name) || string.IsNullOrEmpty(directory) ? name : Path.Combine(directory, name);
        string[] candidates = Path.HasExtension(name) ? [basePath] : [basePath, basePath + ".conf", basePath + ".json"];
        var found = candidates.FirstOrDefault(File.Exists);
        if (found is null)
        {
            if (required)
            {
                throw new ConfigException(at, null, $"required include \"{name}\" not found (looked for {string.Join(", ", candidates)})");
            }
            return null;
        }
        return ParseFileAt(found, at, prefix);
    }

    private SyntaxObject ParseFileAt(string path, ConfigOrigin errorOrigin, string[] prefix)
    {
        var fullPath = Path.GetFullPath(path);
        if (_fileChain.Contains(fullPath, StringComparer.Ordinal))
        {
            throw new ConfigException(errorOrigin, null, $"include cycle: {string.Join(" -> ", _fileChain)} -> {fullPath}");
        }
        var text = Read(path, errorOrigin);
        _fileChain.Add(fullPath);
        try
        {
            return HoconParser.Parse(text, path, Path.GetDirectoryName(path), prefix, this);
        }
        finally
        {
            _fileChain.RemoveAt(_fileChain.Count - 1);
        }
    }

    private string Read(string path, ConfigOrigin errorOrigin)
    {
        try
        {
            using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
            // Read in bounded chunks: device files report no length and could otherwise be read forever.
            var builder = new System.Text.StringBuilder();
            var buffer = new char[64 * 1024];
            int read;
            while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
            {
                Count(read, errorOrigin);
                builder.Append(buffer, 0, read);
            }
            return builder.ToString();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(errorOrigin, null, $"cannot read {path}: {e.Message}", e);
        }
    }

    private void Count(long characters, ConfigOrigin origin)
    {
        _characters += characters;
        if (_characters > ConfigLimits.MaxTotalCharacters)
        {
            throw new ConfigException(origin, null, $"more than {ConfigLimits.MaxTotalCharacters} characters of configuration text (all includes together)");
        }
    }
}
