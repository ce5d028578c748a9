using System.Text;
using FedActors.Configuration.Values;

namespace FedActors.Configuration.Rendering;

/// <summary>
/// Renders a resolved tree as one indented JSON object: numbers as JSON numbers, booleans as booleans,
/// null as null, every other scalar as a string.
/// </summary>
internal static class JsonRenderer
{
    public static string Render(HoconValue root)
    {
        var builder = new StringBuilder();
        WriteValue(builder, root, 0);
        builder.Append('\n');
        return builder.ToString();
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
                var first = true;
                foreach (var (key, child) in obj.Fields)
                {
                    if (!first)
                    {
                        builder.Append(",\n");
                    }
                    first = false;
                    builder.Append(' ', (indent + 1) * 2);
                    ConfigPath.AppendQuoted(builder, key);
                    builder.Append(": ");
                    WriteValue(builder, child, indent + 1);
                }
                builder.Append('\n').Append(' ', indent * 2).Append('}');
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
                // Numbers keep their JSON literal text; booleans and null are JSON literals too.
                builder.Append(scalar.Text);
                break;
        }
    }
}
