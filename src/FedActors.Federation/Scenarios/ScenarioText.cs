using System.Text;
using System.Text.Json;
using FedActors.Configuration;

namespace FedActors.Federation.Scenarios;

/// <summary>
/// Renders a read scenario as HOCON that names only what differs from the reference defaults (every value
/// whose origin is not <c>reference.conf</c>), with the attack list as finally read (attack overrides
/// applied). Loading the text over the reference gives the same scenario, and the validator, which tells
/// set keys from defaults by their origin, judges it as it judged the original.
/// </summary>
internal static class ScenarioText
{
    private const string ReferenceFile = "reference.conf";

    public static string Render(Config scenario, IReadOnlyList<Config> attacks)
    {
        var builder = new StringBuilder("scenario {\n");
        Fields(builder, scenario, 1, top: true);
        if (attacks.Count > 0)
        {
            builder.Append("  attacks = ").Append(Objects(attacks, 1)).Append('\n');
        }
        return builder.Append("}\n").ToString();
    }

    private static void Fields(StringBuilder builder, Config obj, int indent, bool top)
    {
        var pad = new string(' ', indent * 2);
        foreach (var key in obj.Keys)
        {
            var quoted = ScenarioReader.Quote(key);
            if (top && key == "attacks")
            {
                continue;
            }
            if (obj.GetValueType(quoted) == ConfigValueType.Object)
            {
                var inner = new StringBuilder();
                Fields(inner, obj.GetConfig(quoted), indent + 1, top: false);
                if (inner.Length > 0)
                {
                    builder.Append(pad).Append(quoted).Append(" {\n").Append(inner).Append(pad).Append("}\n");
                }
                continue;
            }
            if (obj.GetOrigin(quoted).File != ReferenceFile)
            {
                builder.Append(pad).Append(quoted).Append(" = ").Append(Value(obj, quoted, indent)).Append('\n');
            }
        }
    }

    private static string Value(Config obj, string key, int indent) => obj.GetValueType(key) switch
    {
        ConfigValueType.String => JsonSerializer.Serialize(obj.GetString(key)),
        ConfigValueType.Null => "null",
        ConfigValueType.List => List(obj, key, indent),
        _ => obj.GetString(key),
    };

    private static string List(Config obj, string key, int indent)
    {
        try
        {
            return "[" + string.Join(", ", obj.GetStringList(key).Select(s => JsonSerializer.Serialize(s))) + "]";
        }
        catch (ConfigException)
        {
            // The configuration has no list-element type query; a list whose elements are not scalars is a list of objects.
            return Objects(obj.GetConfigList(key), indent);
        }
    }

    private static string Objects(IReadOnlyList<Config> items, int indent)
    {
        var pad = new string(' ', (indent + 1) * 2);
        return "[\n" + string.Join(",\n", items.Select(i => pad + "{\n" + i.ToHocon() + pad + "}")) + "\n" + new string(' ', indent * 2) + "]";
    }
}
