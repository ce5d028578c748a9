using System.Text;
using FedActors.Configuration.Values;

namespace FedActors.Configuration.Rendering;

/// <summary>
/// Renders a resolved tree as HOCON that parses back to an equal tree: root braces omitted, strings always
/// quoted with JSON escapes, numbers as written, two-space indentation.
/// </summary>
internal static class HoconRenderer
{
    public static string Render(HoconObject root)
    {
        var builder = new StringBuilder();
        foreach (var (key, value) in root.Fields)
        {
            WriteField(builder, key, value, 0);
        }
        return builder.ToString();
    }

    private static void WriteField(StringBuilder builder, string key, HoconValue value, int indent)
    {
        builder.Append(' ', indent * 2).Append(ConfigPath.RenderKey(key));
        builder.Append(value is HoconObject ? " " : " = ");
        WriteValue(builder, value, indent);
        builder.Append('\n');
    }

    private static void WriteValue(StringBuilder builder, HoconValue value, int indent)
    {
        switch (value)
        {
            case HoconObject obj when obj.Count == 0:
                builder.Append("{}");
                break;
            case HoconObject obj:
                builder.Append("{\n");
                foreach (var (key, child) in obj.Fields)
                {
                    WriteField(builder, key, child, indent + 1);
                }
                builder.Append(' ', indent * 2).Append('}');
                break;
            case HoconList list when list.Items.Count == 0:
                builder.Append("[]");
                break;
            case HoconList list:
                builder.Append("[\n");
                for (var i = 0; i < list.Items.Count; i++)
                {
                    builder.Append(' ', (indent + 1) * 2);
                    WriteValue(builder, list.Items[i], indent + 1);
                    builder.Append(i < list.Items.Count - 1 ? ",\n" : "\n");
                }
                builder.Append(' ', indent * 2).Append(']');
                break;
            case HoconScalar { Type: ConfigValueType.String } scalar:
                ConfigPath.AppendQuoted(builder, scalar.Text);
                break;
            case HoconScalar scalar:
                builder.Append(scalar.Text);
                break;
        }
    }
}
