using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using FedActors.Configuration.Syntax;
using FedActors.Configuration.Values;

namespace FedActors.Configuration.Parsing;

/// <summary>
/// A single-pass recursive-descent parser for HOCON (lightbend/config HOCON.md). It produces an unresolved
/// <see cref="SyntaxObject"/>: duplicate keys are already merged, substitutions are left for the resolver.
/// Work is linear in the input and recursion is bounded by <see cref="ConfigLimits.MaxNestingDepth"/>.
/// </summary>
internal sealed class HoconParser
{
    private const string ForbiddenInUnquoted = "$\"{}[]:=,+#`^?!@*&\\";

    private readonly string _text;
    private readonly string _originName;
    private readonly string? _directory;
    private readonly string[] _prefix;
    private readonly ParseSession _session;
    private int _pos;
    private int _line = 1;
    private int _column = 1;
    private int _depth;

    private HoconParser(string text, string originName, string? directory, string[] prefix, ParseSession session)
    {
        _text = text;
        _originName = originName;
        _directory = directory;
        _prefix = prefix;
        _session = session;
    }

    /// <summary>
    /// Parses one document. <paramref name="prefix"/> is the path at which the document is included: it is
    /// prepended to the document's keys' absolute paths and to its substitutions.
    /// </summary>
    public static SyntaxObject Parse(string text, string originName, string? directory, string[] prefix, ParseSession session) =>
        new HoconParser(text, originName, directory, prefix, session).ParseDocument();

    private bool AtEnd => _pos >= _text.Length;

    private char Current => _text[_pos];

    private ConfigOrigin Here => new(_originName, _line, _column);

    private SyntaxObject ParseDocument()
    {
        if (!AtEnd && Current == '\uFEFF')
        {
            Advance();
        }
        SkipSpacesAndNewlines();
        SyntaxObject root;
        if (!AtEnd && Current == '{')
        {
            root = ParseBracedObject(_prefix);
            SkipSpacesAndNewlines();
            if (!AtEnd)
            {
                throw Error(null, $"unexpected {Describe()} after the closing '}}' of the root object");
            }
        }
        else if (!AtEnd && Current == '[')
        {
            throw Error(null, "the root of a configuration must be an object, not a list");
        }
        else
        {
            root = new SyntaxObject(Here);
            ParseFields(root, _prefix, braced: false, Here);
        }
        return root;
    }

    private SyntaxObject ParseBracedObject(string[] path)
    {
        var open = Here;
        Advance();
        Enter(1, path);
        var obj = new SyntaxObject(open);
        ParseFields(obj, path, braced: true, open);
        _depth--;
        return obj;
    }

    private void ParseFields(SyntaxObject obj, string[] path, bool braced, ConfigOrigin open)
    {
        while (true)
        {
            SkipSpacesAndNewlines();
            if (AtEnd)
            {
                if (braced)
                {
                    throw Error(Render(path), $"unclosed '{{' opened at line {open.Line}, column {open.Column}: add the closing '}}'");
                }
                return;
            }
            var c = Current;
            if (c == '}')
            {
                if (!braced)
                {
                    throw Error(Render(path), "unexpected '}' without a matching '{'");
                }
                Advance();
                return;
            }
            if (c == ',')
            {
                throw Error(Render(path), "unexpected ',': expected a key (two commas in a row, or a comma before the first field)");
            }
            var key = ParseField(obj, path);
            SkipSpaces();
            if (AtEnd)
            {
                continue;
            }
            c = Current;
            if (c == ',')
            {
                Advance();
            }
            else if (c != '\n' && c != '}')
            {
                throw Error(Render(key), $"unexpected {Describe()} after the value: expected ',', a newline or '}}'");
            }
        }
    }

    /// <summary>Parses one field or include into <paramref name="obj"/>; returns the field's path for messages.</summary>
    private string[] ParseField(SyntaxObject obj, string[] path)
    {
        if (IsIncludeDirective())
        {
            ParseInclude(obj, path);
            return path;
        }
        var keyOrigin = Here;
        var key = ParsePathExpression(inSubstitution: false);
        var fieldPath = Concat(path, key);
        if (_depth + key.Length > ConfigLimits.MaxNestingDepth)
        {
            throw new ConfigException(keyOrigin, Render(fieldPath), $"nesting deeper than {ConfigLimits.MaxNestingDepth} levels");
        }
        SkipSpaces();
        SyntaxValue value;
        if (!AtEnd && Current == '{')
        {
            value = ParseValue(fieldPath);
        }
        else if (!AtEnd && (Current == '=' || Current == ':'))
        {
            Advance();
            SkipSpacesAndNewlines();
            value = ParseValue(fieldPath);
        }
        else if (!AtEnd && Current == '+' && Peek(1) == '=')
        {
            var origin = Here;
            Advance();
            Advance();
            SkipSpacesAndNewlines();
            var element = ParseValue(fieldPath);
            // a += x means a = ${?a} [x]
            value = new SyntaxConcatenation(
                [
                    new SyntaxConcatenation.Part("", new SyntaxSubstitution(fieldPath, fieldPath, optional: true, origin)),
                    new SyntaxConcatenation.Part("", new SyntaxList([element], element.Origin)),
                ],
                origin);
        }
        else
        {
            throw Error(Render(fieldPath), $"expected ':', '=', '+=' or '{{' after the key, found {Describe()}");
        }
        for (var i = key.Length - 1; i > 0; i--)
        {
            var wrapper = new SyntaxObject(keyOrigin);
            wrapper.Assign(key[i], value);
            value = wrapper;
        }
        obj.Assign(key[0], value);
        return fieldPath;
    }

    private bool IsIncludeDirective()
    {
        const string Keyword = "include";
        if (string.CompareOrdinal(_text, _pos, Keyword, 0, Keyword.Length) != 0)
        {
            return false;
        }
        var i = _pos + Keyword.Length;
        if (i >= _text.Length || !IsSpace(_text[i]))
        {
            return false;
        }
        while (i < _text.Length && IsSpace(_text[i]))
        {
            i++;
        }
        return i < _text.Length && (_text[i] == '"' || StartsWithAt(i, "required(") || StartsWithAt(i, "file(")
            || StartsWithAt(i, "url(") || StartsWithAt(i, "classpath("));
    }

    private void ParseInclude(SyntaxObject obj, string[] path)
    {
        var at = Here;
        for (var i = 0; i < "include".Length; i++)
        {
            Advance();
        }
        SkipSpaces();
        var required = false;
        var closers = 0;
        if (StartsWithAt(_pos, "required("))
        {
            required = true;
            closers++;
            AdvanceOver("required(");
            SkipSpaces();
        }
        foreach (var kind in (string[])["file(", "url(", "classpath("])
        {
            if (StartsWithAt(_pos, kind))
            {
                if (kind != "file(")
                {
                    throw Error(Render(path), $"include {kind[..^1]}(...) is not supported: only files can be included (include \"file\" or include file(\"file\"))");
                }
                closers++;
                AdvanceOver(kind);
                SkipSpaces();
                break;
            }
        }
        if (AtEnd || Current != '"')
        {
            throw Error(Render(path), $"expected a quoted file name after include, found {Describe()}");
        }
        var name = StartsWithAt(_pos, "\"\"\"") ? ReadTripleQuoted() : ReadQuoted();
        for (var i = 0; i < closers; i++)
        {
            SkipSpaces();
            if (AtEnd || Current != ')')
            {
                throw Error(Render(path), $"expected ')' to close the include, found {Describe()}");
            }
            Advance();
        }
        var included = _session.Include(name, required, at, _directory, path);
        if (included is not null)
        {
            obj.MergeFrom(included);
        }
    }

    /// <summary>Parses a key or a substitution path: unquoted and quoted parts, split at unquoted dots.</summary>
    private string[] ParsePathExpression(bool inSubstitution)
    {
        // Most keys are one plain word: take them as one slice.
        var plainLength = 0;
        while (_pos + plainLength < _text.Length && _text[_pos + plainLength] is var c && c != '.' && IsUnquotedChar(c)
            && !(c == '/' && _pos + plainLength + 1 < _text.Length && _text[_pos + plainLength + 1] == '/'))
        {
            plainLength++;
        }
        var next = _pos + plainLength;
        while (next < _text.Length && IsSpace(_text[next]))
        {
            next++;
        }
        // The word is the whole key when what follows cannot continue it (a dot, a quote or another word would).
        var after = next < _text.Length ? _text[next] : '\n';
        if (plainLength > 0 && after is '=' or ':' or '{' or '+' or '}' or '\n' or ',' or '#')
        {
            var key = _text.Substring(_pos, plainLength);
            _pos += plainLength;
            _column += plainLength;
            return [key];
        }
        return ParseGeneralPathExpression(inSubstitution);
    }

    private string[] ParseGeneralPathExpression(bool inSubstitution)
    {
        var start = Here;
        var elements = new List<string>();
        var current = new StringBuilder();
        var hasContent = false;
        var pendingSpace = "";
        while (!AtEnd)
        {
            var c = Current;
            if (c == '"')
            {
                current.Append(pendingSpace);
                pendingSpace = "";
                current.Append(StartsWithAt(_pos, "\"\"\"") ? ReadTripleQuoted() : ReadQuoted());
                hasContent = true;
            }
            else if (IsSpace(c))
            {
                var from = _pos;
                while (!AtEnd && IsSpace(Current))
                {
                    Advance();
                }
                pendingSpace = _text[from.._pos];
            }
            else if (IsUnquotedChar(c) && !IsCommentStart())
            {
                current.Append(pendingSpace);
                pendingSpace = "";
                while (!AtEnd && IsUnquotedChar(Current) && !IsCommentStart())
                {
                    if (Current == '.')
                    {
                        if (!hasContent)
                        {
                            throw Error(elements.Count == 0 ? null : Render([.. elements]), "the path has an empty element (two dots in a row or a leading dot); quote a key that contains a dot");
                        }
                        elements.Add(current.ToString());
                        current.Clear();
                        hasContent = false;
                    }
                    else
                    {
                        current.Append(Current);
                        hasContent = true;
                    }
                    Advance();
                }
            }
            else
            {
                break;
            }
        }
        if (!hasContent)
        {
            if (elements.Count == 0 && current.Length == 0)
            {
                throw new ConfigException(start, null, inSubstitution
                    ? $"expected a path inside ${{...}}, found {Describe()}"
                    : $"expected a key, found {Describe()}");
            }
            throw new ConfigException(start, Render([.. elements]), "the path ends with '.'; remove the dot or quote the key");
        }
        elements.Add(current.ToString());
        return [.. elements];
    }

    /// <summary>Parses a value: one or more values written next to each other (a concatenation).</summary>
    private SyntaxValue ParseValue(string[] fieldPath)
    {
        var start = Here;
        var parts = new List<SyntaxConcatenation.Part>();
        var pendingSpace = "";
        while (!AtEnd)
        {
            var c = Current;
            if (c is '\n' or ',' or '}' or ']' || IsCommentStart())
            {
                break;
            }
            if (IsSpace(c))
            {
                var from = _pos;
                while (!AtEnd && IsSpace(Current))
                {
                    Advance();
                }
                pendingSpace = _text[from.._pos];
                continue;
            }
            SyntaxValue part;
            if (c == '"')
            {
                var origin = Here;
                var text = StartsWithAt(_pos, "\"\"\"") ? ReadTripleQuoted() : ReadQuoted();
                part = new SyntaxScalar(new HoconScalar(ConfigValueType.String, text, origin));
            }
            else if (c == '{')
            {
                part = ParseBracedObject(fieldPath);
            }
            else if (c == '[')
            {
                part = ParseList(fieldPath);
            }
            else if (c == '$' && Peek(1) == '{')
            {
                part = ParseSubstitution();
            }
            else if (IsUnquotedChar(c))
            {
                var origin = Here;
                var text = ReadUnquoted();
                part = new SyntaxScalar(new HoconScalar(TypeOfUnquoted(text), text, origin));
            }
            else
            {
                throw Error(Render(fieldPath), $"unexpected {Describe()} in a value (quote strings that contain it)");
            }
            parts.Add(new SyntaxConcatenation.Part(parts.Count == 0 ? "" : pendingSpace, part));
            pendingSpace = "";
        }
        if (parts.Count == 0)
        {
            throw Error(Render(fieldPath), $"expected a value, found {Describe()}");
        }
        return Combine(parts, fieldPath, start);
    }

    private SyntaxValue Combine(List<SyntaxConcatenation.Part> parts, string[] fieldPath, ConfigOrigin start)
    {
        if (parts.Count == 1)
        {
            return parts[0].Value;
        }
        var hasSubstitution = false;
        SyntaxValue? kind = null;
        foreach (var part in parts)
        {
            var value = part.Value;
            if (value is SyntaxSubstitution)
            {
                hasSubstitution = true;
                continue;
            }
            hasSubstitution |= value.HasSubstitution;
            if (kind is null)
            {
                kind = value;
            }
            else if (Family(kind) != Family(value))
            {
                throw new ConfigException(value.Origin, Render(fieldPath), $"cannot concatenate {Family(value)} with {Family(kind)}");
            }
        }
        if (hasSubstitution)
        {
            return new SyntaxConcatenation(parts, start);
        }
        switch (kind)
        {
            case SyntaxObject:
                var merged = (SyntaxObject)parts[0].Value;
                for (var i = 1; i < parts.Count; i++)
                {
                    merged.MergeFrom((SyntaxObject)parts[i].Value);
                }
                return merged;
            case SyntaxList:
                var items = new List<SyntaxValue>();
                foreach (var part in parts)
                {
                    items.AddRange(((SyntaxList)part.Value).Items);
                }
                return new SyntaxList(items, start);
            default:
                var builder = new StringBuilder();
                foreach (var part in parts)
                {
                    builder.Append(part.Space).Append(((SyntaxScalar)part.Value).Value.Text);
                }
                return new SyntaxScalar(new HoconScalar(ConfigValueType.String, builder.ToString(), start));
        }
    }

    private static string Family(SyntaxValue value) => value switch
    {
        SyntaxObject => "an object",
        SyntaxList => "a list",
        _ => "a string",
    };

    private SyntaxList ParseList(string[] fieldPath)
    {
        var open = Here;
        Advance();
        Enter(1, fieldPath);
        var items = new List<SyntaxValue>();
        while (true)
        {
            SkipSpacesAndNewlines();
            if (AtEnd)
            {
                throw Error(Render(fieldPath), $"unclosed '[' opened at line {open.Line}, column {open.Column}: add the closing ']'");
            }
            if (Current == ']')
            {
                Advance();
                break;
            }
            if (Current == ',')
            {
                throw Error(Render(fieldPath), "unexpected ',' in a list: expected a value (two commas in a row, or a comma before the first element)");
            }
            items.Add(ParseValue(fieldPath));
            SkipSpaces();
            if (AtEnd)
            {
                continue;
            }
            if (Current == ',')
            {
                Advance();
            }
            else if (Current != '\n' && Current != ']')
            {
                throw Error(Render(fieldPath), $"unexpected {Describe()} in a list: expected ',', a newline or ']'");
            }
        }
        _depth--;
        return new SyntaxList(items, open);
    }

    private SyntaxSubstitution ParseSubstitution()
    {
        var origin = Here;
        Advance();
        Advance();
        var optional = false;
        if (!AtEnd && Current == '?')
        {
            optional = true;
            Advance();
        }
        SkipSpaces();
        var written = ParsePathExpression(inSubstitution: true);
        SkipSpaces();
        if (AtEnd || Current != '}')
        {
            throw new ConfigException(Here, null, $"expected '}}' to close the substitution that starts at line {origin.Line}, column {origin.Column}, found {Describe()}");
        }
        Advance();
        return new SyntaxSubstitution(Concat(_prefix, written), written, optional, origin);
    }

    private string ReadQuoted()
    {
        var origin = Here;
        Advance();
        // Most strings have no escapes: take them as one slice.
        var simpleEnd = _text.AsSpan(_pos).IndexOfAny('"', '\\', '\n');
        if (simpleEnd >= 0 && _text[_pos + simpleEnd] == '"')
        {
            var simple = _text.Substring(_pos, simpleEnd);
            _pos += simpleEnd + 1;
            _column += simpleEnd + 1;
            return simple;
        }
        var builder = new StringBuilder();
        while (true)
        {
            if (AtEnd || Current == '\n')
            {
                throw new ConfigException(origin, null, "unterminated quoted string: add the closing '\"' on the same line (or use \"\"\" for multi-line strings)");
            }
            var c = Current;
            if (c == '"')
            {
                Advance();
                return builder.ToString();
            }
            if (c != '\\')
            {
                builder.Append(c);
                Advance();
                continue;
            }
            var escapeOrigin = Here;
            Advance();
            if (AtEnd)
            {
                throw new ConfigException(origin, null, "unterminated quoted string: add the closing '\"'");
            }
            var e = Current;
            Advance();
            switch (e)
            {
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case '/': builder.Append('/'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u':
                    if (_pos + 4 > _text.Length
                        || !int.TryParse(_text.AsSpan(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    {
                        throw new ConfigException(escapeOrigin, null, "invalid \\u escape: expected four hexadecimal digits");
                    }
                    for (var i = 0; i < 4; i++)
                    {
                        Advance();
                    }
                    builder.Append((char)code);
                    break;
                default:
                    throw new ConfigException(escapeOrigin, null, $"invalid escape '\\{Printable(e)}' in a quoted string; valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
            }
        }
    }

    private string ReadTripleQuoted()
    {
        var origin = Here;
        AdvanceOver("\"\"\"");
        var end = _text.IndexOf("\"\"\"", _pos, StringComparison.Ordinal);
        if (end < 0)
        {
            throw new ConfigException(origin, null, "unterminated triple-quoted string: add the closing \"\"\"");
        }
        // Quotes right before the closing """ belong to the string: """a"""" is a".
        while (end + 3 < _text.Length && _text[end + 3] == '"')
        {
            end++;
        }
        var content = _text[_pos..end];
        while (_pos < end + 3)
        {
            Advance();
        }
        return content;
    }

    private string ReadUnquoted()
    {
        var from = _pos;
        while (!AtEnd)
        {
            var c = Current;
            if (IsUnquotedChar(c) && !IsCommentStart())
            {
                Advance();
            }
            else if (c == '+' && IsExponentSoFar(from))
            {
                // Numbers such as 1e+5 contain a '+', which unquoted strings otherwise cannot.
                Advance();
            }
            else
            {
                break;
            }
        }
        return _text[from.._pos];
    }

    private bool IsExponentSoFar(int from)
    {
        var text = _text.AsSpan(from, _pos - from);
        return text.Length >= 2 && (text[^1] == 'e' || text[^1] == 'E') && IsNumber(text[..^1]);
    }

    /// <summary>The type of an unquoted token: true/false, null, a JSON number, or else a string.</summary>
    private static ConfigValueType TypeOfUnquoted(string text) => text switch
    {
        "true" or "false" => ConfigValueType.Boolean,
        "null" => ConfigValueType.Null,
        _ => IsNumber(text) ? ConfigValueType.Number : ConfigValueType.String,
    };

    /// <summary>True when <paramref name="text"/> is a JSON number literal.</summary>
    private static bool IsNumber(ReadOnlySpan<char> text)
    {
        var i = 0;
        if (i < text.Length && text[i] == '-')
        {
            i++;
        }
        var digits = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }
        if (i == digits || (text[digits] == '0' && i - digits > 1))
        {
            return false;
        }
        if (i < text.Length && text[i] == '.')
        {
            i++;
            var fraction = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
            if (i == fraction)
            {
                return false;
            }
        }
        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            i++;
            if (i < text.Length && (text[i] == '+' || text[i] == '-'))
            {
                i++;
            }
            var exponent = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
            if (i == exponent)
            {
                return false;
            }
        }
        return i == text.Length;
    }

    private void Enter(int levels, string[] path)
    {
        _depth += levels;
        if (_depth > ConfigLimits.MaxNestingDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw Error(Render(path), $"nesting deeper than {ConfigLimits.MaxNestingDepth} levels");
        }
    }

    private void SkipSpaces()
    {
        while (!AtEnd)
        {
            if (IsSpace(Current))
            {
                Advance();
            }
            else if (IsCommentStart())
            {
                while (!AtEnd && Current != '\n')
                {
                    Advance();
                }
            }
            else
            {
                return;
            }
        }
    }

    private void SkipSpacesAndNewlines()
    {
        while (true)
        {
            SkipSpaces();
            if (AtEnd || Current != '\n')
            {
                return;
            }
            Advance();
        }
    }

    private bool IsCommentStart() => Current == '#' || (Current == '/' && Peek(1) == '/');

    private static bool IsSpace(char c) => c != '\n' && (char.IsWhiteSpace(c) || c == '\uFEFF');

    private static bool IsUnquotedChar(char c) => !char.IsWhiteSpace(c) && c != '\uFEFF' && !ForbiddenInUnquoted.Contains(c);

    private char Peek(int ahead) => _pos + ahead < _text.Length ? _text[_pos + ahead] : '\0';

    private bool StartsWithAt(int index, string literal) =>
        string.CompareOrdinal(_text, index, literal, 0, literal.Length) == 0;

    private void AdvanceOver(string literal)
    {
        for (var i = 0; i < literal.Length; i++)
        {
            Advance();
        }
    }

    private void Advance()
    {
        if (_text[_pos] == '\n')
        {
            _line++;
            _column = 1;
        }
        else
        {
            _column++;
        }
        _pos++;
    }

    private string Describe() => AtEnd ? "end of input" : Current == '\n' ? "a newline" : $"'{Printable(Current)}'";

    private static string Printable(char c) =>
        char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c.ToString();

    private ConfigException Error(string? path, string problem) => new(Here, string.IsNullOrEmpty(path) ? null : path, problem);

    private static string Render(string[] path) => ConfigPath.Render(path);

    private static string[] Concat(string[] first, string[] second) => first.Length == 0 ? second : [.. first, .. second];
}
