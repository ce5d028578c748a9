using System.Text;

namespace FedActors.Configuration;

/// <summary>Parses and renders path expressions such as <c>fedactors.actor."odd.key"</c>.</summary>
internal static class ConfigPath
{
    /// <summary>
    /// Splits a path expression written in code into its elements. Quoted elements are JSON strings, so they may
    /// contain dots and escapes; <see cref="Render"/> produces expressions that this parses back.
    /// </summary>
    public static string[] Parse(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var elements = new List<string>();
        var current = new StringBuilder();
        var i = 0;
        var elementHasContent = false;
        while (i < path.Length)
        {
            var c = path[i];
            if (c == '"')
            {
                i = AppendQuotedElement(path, i + 1, current);
                elementHasContent = true;
            }
            else if (c == '.')
            {
                if (!elementHasContent)
                {
                    throw new ArgumentException($"path '{path}' has an empty element", nameof(path));
                }
                elements.Add(current.ToString());
                current.Clear();
                elementHasContent = false;
                i++;
            }
            else
            {
                current.Append(c);
                elementHasContent = true;
                i++;
            }
        }
        if (!elementHasContent)
        {
            throw new ArgumentException($"path '{path}' is empty or ends with '.'", nameof(path));
        }
        elements.Add(current.ToString());
        return [.. elements];
    }

    /// <summary>Appends the JSON string starting after the quote at <paramref name="start"/>; returns the index after its closing quote.</summary>
    private static int AppendQuotedElement(string path, int start, StringBuilder current)
    {
        var i = start;
        while (i < path.Length && path[i] != '"')
        {
            if (path[i] != '\\')
            {
                current.Append(path[i++]);
                continue;
            }
            if (i + 1 >= path.Length)
            {
                break;
            }
            var escape = path[i + 1];
            i += 2;
            switch (escape)
            {
                case 'b': current.Append('\b'); break;
                case 'f': current.Append('\f'); break;
                case 'n': current.Append('\n'); break;
                case 'r': current.Append('\r'); break;
                case 't': current.Append('\t'); break;
                case 'u' when i + 4 <= path.Length
                    && int.TryParse(path.AsSpan(i, 4), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var code):
                    current.Append((char)code);
                    i += 4;
                    break;
                case '"' or '\\' or '/': current.Append(escape); break;
                default: throw new ArgumentException($"path '{path}' has an invalid escape '\\{escape}'", nameof(path));
            }
        }
        if (i >= path.Length)
        {
            throw new ArgumentException($"path '{path}' has an unterminated quote", nameof(path));
        }
        return i + 1;
    }

    /// <summary>Renders path elements as a path expression, quoting elements that need it.</summary>
    public static string Render(IEnumerable<string> elements) => string.Join('.', elements.Select(RenderKey));

    /// <summary>Appends one rendered key to an already rendered path.</summary>
    public static string Append(string path, string key) => path.Length == 0 ? RenderKey(key) : path + "." + RenderKey(key);

    /// <summary>Renders one key: bare when it is a plain word, quoted with JSON escapes otherwise.</summary>
    public static string RenderKey(string key) => IsBareKey(key) ? key : Quote(key);

    /// <summary>True when the key can be written without quotes and reads back as the same single key.</summary>
    public static bool IsBareKey(string key)
    {
        if (key.Length == 0 || key == "include")
        {
            return false;
        }
        foreach (var c in key)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_'))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Writes a JSON string literal, escaping what JSON and HOCON require and every non-printable character.</summary>
    public static string Quote(string text)
    {
        var builder = new StringBuilder(text.Length + 2);
        AppendQuoted(builder, text);
        return builder.ToString();
    }

    /// <summary>Appends a JSON string literal for <paramref name="text"/> to <paramref name="builder"/>.</summary>
    public static void AppendQuoted(StringBuilder builder, string text)
    {
        builder.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                default:
                    if (c < ' ' || c == '\u007f' || char.IsSurrogate(c) || c == '\u2028' || c == '\u2029')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }
                    break;
            }
        }
        builder.Append('"');
    }
}
