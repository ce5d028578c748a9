using System.Globalization;
using System.Text;

namespace FedActors.Federation.Reporting;

/// <summary>
/// Writes well-formed HTML and inline SVG: every element opened is closed, every attribute value
/// and text node is escaped, and characters XML forbids are dropped, so scenario names, attack
/// descriptions and failure reasons can never break the document or inject markup.
/// </summary>
internal sealed class MarkupWriter
{
    private readonly StringBuilder _out = new();
    private readonly Stack<string> _open = new();

    public MarkupWriter Doctype()
    {
        _out.Append("<!DOCTYPE html>\n");
        return this;
    }

    public MarkupWriter Open(string name, params (string Name, object? Value)[] attributes)
    {
        StartTag(name, attributes);
        _out.Append('>');
        _open.Push(name);
        return this;
    }

    public MarkupWriter Close()
    {
        _out.Append("</").Append(_open.Pop()).Append('>');
        return this;
    }

    /// <summary>An element with text content (possibly empty), always with an explicit end tag so HTML parsers agree.</summary>
    public MarkupWriter Element(string name, string text, params (string Name, object? Value)[] attributes)
    {
        StartTag(name, attributes);
        _out.Append('>');
        Escape(text, attribute: false);
        _out.Append("</").Append(name).Append('>');
        return this;
    }

    /// <summary>A self-closing element: for SVG shapes and HTML void elements (<c>meta</c>) only.</summary>
    public MarkupWriter Empty(string name, params (string Name, object? Value)[] attributes)
    {
        StartTag(name, attributes);
        _out.Append(" />");
        return this;
    }

    public MarkupWriter Text(string text)
    {
        Escape(text, attribute: false);
        return this;
    }

    public MarkupWriter Line()
    {
        _out.Append('\n');
        return this;
    }

    /// <summary>Appends markup produced by another writer, which is well-formed by construction.</summary>
    public MarkupWriter Append(MarkupWriter fragment)
    {
        _out.Append(fragment.ToString());
        return this;
    }

    public override string ToString()
    {
        if (_open.Count > 0)
        {
            throw new InvalidOperationException($"Markup has unclosed elements: {string.Join(", ", _open)}.");
        }

        return _out.ToString();
    }

    private void StartTag(string name, (string Name, object? Value)[] attributes)
    {
        _out.Append('<').Append(name);
        foreach (var (key, value) in attributes)
        {
            if (value is null)
            {
                continue;
            }

            _out.Append(' ').Append(key).Append("=\"");
            Escape(value switch
            {
                double d => Chart.Number(d),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString() ?? string.Empty,
            }, attribute: true);
            _out.Append('"');
        }
    }

    private void Escape(string text, bool attribute)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&': _out.Append("&amp;"); break;
                case '<': _out.Append("&lt;"); break;
                case '>': _out.Append("&gt;"); break;
                case '"' when attribute: _out.Append("&quot;"); break;
                case '\'' when attribute: _out.Append("&#39;"); break;
                case '\t' or '\n' or '\r': _out.Append(attribute ? ' ' : c); break;
                case < ' ' or '\uFFFE' or '\uFFFF': break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        _out.Append(c).Append(text[++i]);
                    }
                    else if (!char.IsSurrogate(c))
                    {
                        _out.Append(c);
                    }

                    // A lone surrogate is not a character XML can carry; it is dropped.
                    break;
            }
        }
    }
}
