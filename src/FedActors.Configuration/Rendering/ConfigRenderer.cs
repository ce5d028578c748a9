using System.Text;
using FedActors.Configuration.Values;

namespace FedActors.Configuration.Rendering;

/// <summary>
/// Renders a resolved tree with two-space indentation, either as HOCON that parses back to an equal tree
/// (root braces omitted, strings always quoted with JSON escapes, numbers as written) or as one JSON object
/// (numbers as JSON numbers, booleans as booleans, null as null, every other scalar as a string).
/// The two syntaxes differ only in how an object's fields are written.
/// </summary>
internal static class ConfigRenderer
{
    public static string ToHocon(HoconObject root)
    {
        var builder = new StringBuilder();
        WriteHoconFields(builder, root, 0);
        return builder.ToString();
    }

    public static string ToJson(HoconValue root)
    {
        var builder = new StringBuilder();
        WriteValue(builder, root, 0, json: true);
        builder.Append('\n');
        return builder.ToString();
    }

    private static void WriteValue(StringBuilder builder, HoconValue value, int indent, bool json)
    {
        switch (value)
        {
            case HoconObject obj when obj.Count == 0:
                builder.Append("{}");
                break;
            case HoconObject obj when json:
                builder.Append("{\n");
                WriteJsonFields(builder, obj, indent + 1);
                builder.Append('\n').Append(' ', indent * 2).Append('}');
                break;
            case HoconObject obj:
                builder.Append("{\n");
                WriteHoconFields(builder, obj, indent + 1);
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
                    WriteValue(builder, list.Items[i], indent + 1, json);
                    builder.Append(i < list.Items.Count - 1 ? ",\n" : "\n");
                }
                builder.Append(' ', indent * 2).Append(']');
                break;
            case HoconScalar { Type: ConfigValueType.String } scalar:
                ConfigPath.AppendQuoted(builder, scalar.Text);
                break;
            case HoconScalar scalar:
                // Numbers keep their literal text, valid in both syntaxes; booleans and null are literals in both too.
                builder.Append(scalar.Text);
                break;
        }
    }

    private static void WriteHoconFields(StringBuilder builder, HoconObject obj, int indent)
    {
        foreach (var (key, value) in obj.Fields)
        {
            builder.Append(' ', indent * 2).Append(ConfigPath.RenderKey(key));
            builder.Append(value is HoconObject ? " " : " = ");
            WriteValue(builder, value, indent, json: false);
            builder.Append('\n');
        }
    }

    private static void WriteJsonFields(StringBuilder builder, HoconObject obj, int indent)
    {
        var first = true;
        foreach (var (key, value) in obj.Fields)
        {
            if (!first)
            {
                builder.Append(",\n");
            }
            first = false;
            builder.Append(' ', indent * 2);
            ConfigPath.AppendQuoted(builder, key);
            builder.Append(": ");
            WriteValue(builder, value, indent, json: true);
        }
    }
}
